// Large Cobertura reports without a whole DOM.
//
// pugixml, the project's XML parser, has no streaming interface, and a 70 MB
// report's DOM takes ~300 MB. A Cobertura report is a header, then a flat run
// of <class> elements separated only by <packages>/<package>/<classes> tags.
// Each <class>...</class> is a well-formed XML fragment, so pugixml parses
// them one at a time (from a copy: the text stays intact for the fallback).
// The only text examined here by hand is what lies between classes, and it
// must be whitespace, comments or those wrapper tags; anything else, or any
// fragment pugixml rejects, makes the caller parse the whole document the
// ordinary way, which stays the reference and reports errors exactly.

#include "../common/xml_document.hpp"
#include "xml_formats.hpp"

#include <gatekit/common/text.hpp>

#include <initializer_list>

namespace gatekit::coverage::detail {
namespace {

constexpr unsigned k_parse_options = pugi::parse_default;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The end (one past '>') of the tag starting at `start`, honouring quoted
// attribute values, which may contain '>'; npos if unterminated.
size_t tag_end(std::string_view text, size_t start) {
  char quote = 0;
  for (size_t i = start + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      quote = c == quote ? 0 : quote;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '<') {
      return std::string_view::npos; // '<' cannot appear inside a tag
    } else if (c == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// True if `gap` holds only whitespace, comments, and start, end or empty tags
// whose names are in `names`. `last_tag` receives the last tag's text.
bool gap_holds_only(std::string_view gap, std::initializer_list<std::string_view> names, std::string_view& last_tag) {
  size_t i = 0;
  while (i < gap.size()) {
    if (is_space(gap[i])) {
      ++i;
      continue;
    }
    if (gap[i] != '<') {
      return false;
    }
    if (gap.substr(i, 4) == "<!--") {
      const size_t end = gap.find("-->", i + 4);
      if (end == std::string_view::npos) {
        return false;
      }
      i = end + 3;
      continue;
    }
    const size_t end = tag_end(gap, i);
    if (end == std::string_view::npos) {
      return false;
    }
    size_t name_start = i + 1;
    if (name_start < end && gap[name_start] == '/') {
      ++name_start;
    }
    size_t name_end = name_start;
    while (name_end < end && !is_space(gap[name_end]) && gap[name_end] != '>' && gap[name_end] != '/') {
      ++name_end;
    }
    const std::string_view name = gap.substr(name_start, name_end - name_start);
    bool allowed = false;
    for (const std::string_view candidate : names) {
      allowed = allowed || name == candidate;
    }
    if (!allowed) {
      return false;
    }
    last_tag = gap.substr(i, end - i);
    i = end;
  }
  return true;
}

// The next "<class" start tag at or after `from` (not "<classes").
size_t find_class(std::string_view text, size_t from) {
  while (true) {
    const size_t at = text.find("<class", from);
    if (at == std::string_view::npos || at + 6 >= text.size()) {
      return std::string_view::npos;
    }
    const char next = text[at + 6];
    if (is_space(next) || next == '>' || next == '/') {
      return at;
    }
    from = at + 6;
  }
}

} // namespace

std::optional<Result<CoverageReport>> read_cobertura_chunked(std::string_view text, const std::string& source) {
  const size_t packages = text.find("<packages");
  if (packages == std::string_view::npos) {
    return std::nullopt;
  }
  // The header, closed off, as its own document: root attributes, <sources>.
  std::string header(text.substr(0, packages));
  header += "</coverage>";
  pugi::xml_document header_document;
  if (!header_document.load_buffer(header.data(), header.size(), k_parse_options | pugi::parse_doctype,
                                   pugi::encoding_utf8)) {
    return std::nullopt;
  }
  pugi::xml_node root = header_document.document_element();
  if (std::string_view(root.name()) != "coverage" || root.attribute("clover") || header.find("<!ENTITY") != std::string::npos) {
    return std::nullopt;
  }
  CoberturaReader reader(source);
  Status header_read = reader.read_header(root);
  if (!header_read) {
    return std::nullopt; // let the whole-document parse report it, located
  }

  size_t cursor = packages;
  std::string_view last_tag;
  while (true) {
    const size_t start = find_class(text, cursor);
    const std::string_view gap = text.substr(cursor, (start == std::string_view::npos ? text.size() : start) - cursor);
    if (start == std::string_view::npos) {
      // The tail: closing wrapper tags, ending with </coverage>, then nothing.
      if (!gap_holds_only(gap, {"packages", "package", "classes", "coverage"}, last_tag) || last_tag != "</coverage>") {
        return std::nullopt;
      }
      break;
    }
    if (!gap_holds_only(gap, {"packages", "package", "classes"}, last_tag)) {
      return std::nullopt;
    }
    const size_t open_end = tag_end(text, start);
    if (open_end == std::string_view::npos) {
      return std::nullopt;
    }
    size_t end = open_end;
    if (text[open_end - 2] != '/') {
      const size_t close = text.find("</class>", open_end);
      if (close == std::string_view::npos) {
        return std::nullopt;
      }
      end = close + 8;
    }
    pugi::xml_document fragment;
    if (!fragment.load_buffer(text.data() + start, end - start, k_parse_options, pugi::encoding_utf8) ||
        std::string_view(fragment.document_element().name()) != "class" ||
        fragment.document_element().next_sibling()) {
      return std::nullopt;
    }
    Status read = reader.read_class(fragment.document_element());
    if (!read) {
      Error error = read.error();
      if (error.where.offset >= 0) {
        error.where.offset += static_cast<long long>(start); // fragment offset -> file offset
      }
      return Result<CoverageReport>(error);
    }
    cursor = end;
  }
  return Result<CoverageReport>(reader.finish());
}

} // namespace gatekit::coverage::detail
