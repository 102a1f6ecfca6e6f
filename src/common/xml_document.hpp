#pragma once

// Internal to the library: the XML loading all of gatekit's XML parsers share.
// pugixml types stay out of the public headers.

#include <gatekit/common/error.hpp>

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace gatekit::xml {

// Which DOCTYPE declarations a format may carry. Entities are never allowed
// (and pugixml never expands or fetches anything); JaCoCo reports carry a
// PUBLIC identifier as a matter of course.
enum class DoctypePolicy { refuse_external_ids, allow_external_ids };

// What a format expects, for messages.
struct DocumentKind {
  const char* empty_hint; // "the test run wrote no report"
  DoctypePolicy doctype = DoctypePolicy::refuse_external_ids;
};

// Decodes `bytes` to UTF-8 (UTF-16 by BOM or NUL pattern, 8-bit encodings
// named in the XML declaration), parses it in place into `document` and
// returns the single root element. `bytes` must outlive `document`. Fails on
// empty input, malformed XML, a refused DOCTYPE, a second root element (two
// concatenated reports) or text outside the root; errors carry a byte offset
// for locate_xml_error().
Result<pugi::xml_node> load_document(pugi::xml_document& document, std::string& bytes,
                                     const std::string& source, const DocumentKind& kind);

// The document as UTF-8: UTF-16 (by BOM or NUL pattern) and 8-bit encodings
// named in the XML declaration are converted; UTF-8 is returned as it is.
Result<std::string> to_utf8_document(std::string bytes, const std::string& source);

// An Error at `node`, located by byte offset (the '<' of an element).
Error error_at(pugi::xml_node node, const std::string& source, std::string message);

// The first node nested deeper than `limit` below `top`, found without
// recursion; a null node if there is none.
pugi::xml_node first_node_deeper_than(pugi::xml_node top, int limit);

} // namespace gatekit::xml
