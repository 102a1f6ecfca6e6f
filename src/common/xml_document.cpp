#include "xml_document.hpp"

#include <gatekit/common/text.hpp>
#include <gatekit/common/text_encoding.hpp>
#include <gatekit/common/xml_errors.hpp>

namespace gatekit::xml {
namespace {

std::string describe_parse_failure(const pugi::xml_parse_result& result, size_t size);

} // namespace

// Converted here rather than by pugixml so that error offsets always refer to
// UTF-8 text that locate_xml_error() can rebuild.
Result<std::string> to_utf8_document(std::string bytes, const std::string& source) {
  const TextEncoding encoding = detect_encoding(bytes);
  if (encoding != TextEncoding::utf8) {
    Result<std::string> converted = utf16_to_utf8(bytes, encoding);
    if (!converted) {
      return make_error(source, converted.error().message);
    }
    return std::move(converted.value());
  }
  const std::string declared = declared_xml_encoding(bytes);
  if (!declared.empty() && !is_utf8_name(declared) && to_lower(declared).rfind("utf-16", 0) != 0) {
    Result<std::string> converted = to_utf8(bytes, declared);
    if (!converted) {
      return make_error(source, converted.error().message);
    }
    return std::move(converted.value());
  }
  return bytes;
}

namespace {

std::string describe_parse_failure(const pugi::xml_parse_result& result, size_t size) {
  std::string message = std::string("malformed XML: ") + result.description();
  if (static_cast<size_t>(result.offset) + 1 >= size) {
    message += " (the file ends early: truncated?)";
  }
  return message;
}

bool refused_doctype(std::string_view declaration, DoctypePolicy policy) {
  if (declaration.find("ENTITY") != std::string_view::npos) {
    return true;
  }
  return policy == DoctypePolicy::refuse_external_ids &&
         (declaration.find("SYSTEM") != std::string_view::npos ||
          declaration.find("PUBLIC") != std::string_view::npos);
}

} // namespace

Error error_at(pugi::xml_node node, const std::string& source, std::string message) {
  Error error = make_error(source, std::move(message));
  ptrdiff_t offset = node.offset_debug();
  if (node.type() == pugi::node_element && offset > 0) {
    --offset; // pugixml points at the name; users expect the '<'
  } else if (node.type() == pugi::node_doctype && offset >= 10) {
    offset -= 10; // pugixml points past "<!DOCTYPE "
  }
  error.where.offset = offset;
  return error;
}

Result<pugi::xml_node> load_document(pugi::xml_document& document, std::string& bytes,
                                     const std::string& source, const DocumentKind& kind) {
  Result<std::string> utf8 = to_utf8_document(std::move(bytes), source);
  if (!utf8) {
    return utf8.error();
  }
  bytes = std::move(utf8.value());
  std::string_view content = bytes;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") {
    content.remove_prefix(3);
  }
  if (trim(content).empty()) {
    return make_error(source, bytes.empty()
                                  ? std::string("file is empty (0 bytes): ") + kind.empty_hint
                                  : "file holds only whitespace, no XML");
  }
  // XML never contains NUL, and pugixml would take one for the end of the
  // text and silently ignore everything after it.
  if (const size_t nul = bytes.find('\0'); nul != std::string::npos) {
    Error error = make_error(source, "contains a NUL byte: not a text file, or a damaged one");
    error.where.offset = static_cast<long long>(nul);
    return error;
  }
  if (bytes.size() > UINT32_MAX) { // offsets into the text are 32-bit
    return make_error(source, "file is larger than 4 GiB; split it (one file per shard)");
  }
  const unsigned options = pugi::parse_default | pugi::parse_doctype;
  const pugi::xml_parse_result parsed =
      document.load_buffer_inplace(bytes.data(), bytes.size(), options, pugi::encoding_utf8);
  if (!parsed) {
    Error error = make_error(source, describe_parse_failure(parsed, bytes.size()));
    error.where.offset = parsed.offset;
    return error;
  }
  pugi::xml_node root;
  for (pugi::xml_node node = document.first_child(); node; node = node.next_sibling()) {
    if (node.type() == pugi::node_doctype) {
      if (refused_doctype(node.value(), kind.doctype)) {
        return error_at(node, source,
                        kind.doctype == DoctypePolicy::refuse_external_ids
                            ? "a DOCTYPE declaring entities or external files is not accepted "
                              "(gatekit never expands or fetches them)"
                            : "a DOCTYPE declaring entities is not accepted (gatekit never "
                              "expands them)");
      }
    } else if (node.type() == pugi::node_element) {
      if (root) {
        // XML allows one root; a second one is usually two reports written
        // into one file, whose second half must not silently vanish.
        return error_at(node, source,
                        "a second root element <" + truncate_utf8(node.name(), 60, "…") +
                            "> after <" + root.name() +
                            ">: are two reports concatenated in this file?");
      }
      root = node;
    } else if ((node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) &&
               !trim(node.value()).empty()) {
      return error_at(node, source,
                      "text outside the root element (a damaged or concatenated file?)");
    }
  }
  if (!root) {
    return make_error(source, "no root element");
  }
  return root;
}

pugi::xml_node first_node_deeper_than(pugi::xml_node top, int limit) {
  pugi::xml_node node = top.first_child();
  int depth = 1;
  while (node) {
    if (depth > limit) {
      return node;
    }
    if (const pugi::xml_node child = node.first_child()) {
      node = child;
      ++depth;
      continue;
    }
    while (!node.next_sibling()) {
      node = node.parent();
      --depth;
      if (node == top) {
        return {};
      }
    }
    node = node.next_sibling();
  }
  return {};
}

} // namespace gatekit::xml

namespace gatekit {

Error locate_xml_error(Error error, std::string original_bytes) {
  if (error.where.offset < 0 || error.where.line > 0) {
    return error;
  }
  Result<std::string> text = xml::to_utf8_document(std::move(original_bytes), error.where.file);
  if (text.ok()) {
    const LineIndex lines(text.value());
    const auto [line, column] = lines.locate(static_cast<size_t>(error.where.offset));
    const bool bom = text.value().compare(0, 3, "\xEF\xBB\xBF") == 0;
    error.where.line = line;
    error.where.column = line == 1 && bom && column > 3 ? column - 3 : column;
  }
  return error;
}

} // namespace gatekit
