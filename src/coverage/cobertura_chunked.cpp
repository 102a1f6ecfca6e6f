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
#include <gatekit/common/text_encoding.hpp>

#include <string>
#include <vector>

namespace gatekit::coverage::detail {
namespace {

constexpr unsigned k_parse_options = pugi::parse_default;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

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

// The wrapper tags between classes, checked as a whole-document parse would:
// packages > package > classes, properly nested and closed, then </coverage>
// and nothing after it. Each start tag's attributes are checked by letting
// pugixml parse the tag itself, closed off as an empty element.
class WrapperNesting {
public:
  // Consumes the text between two classes (or after the last); false on
  // anything but whitespace, comments and well-formed, well-nested wrappers.
  bool consume(std::string_view gap) {
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
      if (end == std::string_view::npos || m_done || !take_tag(gap.substr(i, end - i))) {
        return false;
      }
      i = end;
    }
    return true;
  }

  bool inside_classes() const { return !m_open.empty() && m_open.back() == "classes"; }
  bool done() const { return m_done; }

private:
  bool take_tag(std::string_view tag) {
    if (tag.substr(0, 2) == "</") {
      std::string_view name = tag.substr(2, tag.size() - 3);
      while (!name.empty() && is_space(name.back())) {
        name.remove_suffix(1);
      }
      if (name == "coverage") {
        m_done = m_open.empty();
        return m_done;
      }
      if (m_open.empty() || m_open.back() != name) {
        return false;
      }
      m_open.pop_back();
      return true;
    }
    const bool empty = tag.size() >= 2 && tag[tag.size() - 2] == '/';
    size_t name_end = 1;
    while (name_end < tag.size() && !is_space(tag[name_end]) && tag[name_end] != '>' &&
           tag[name_end] != '/') {
      ++name_end;
    }
    const std::string name(tag.substr(1, name_end - 1));
    const std::string parent = m_open.empty() ? "" : m_open.back();
    const bool placed = (name == "packages" && m_open.empty()) ||
                        (name == "package" && parent == "packages") ||
                        (name == "classes" && parent == "package");
    if (!placed) {
      return false;
    }
    std::string element(tag.substr(0, tag.size() - (empty ? 2 : 1)));
    element += "/>";
    pugi::xml_document check;
    if (!check.load_buffer(element.data(), element.size(), k_parse_options, pugi::encoding_utf8) ||
        check.document_element().name() != name || check.document_element().next_sibling()) {
      return false;
    }
    if (!empty) {
      m_open.push_back(name);
    }
    return true;
  }

  std::vector<std::string> m_open;
  bool m_done = false;
};

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

std::optional<Result<CoverageReport>> read_cobertura_chunked(std::string_view text,
                                                             const std::string& source) {
  // Only plain UTF-8: other encodings are converted by the whole-document parse.
  const std::string declared = declared_xml_encoding(text);
  if (detect_encoding(text) != TextEncoding::utf8 ||
      (!declared.empty() && !is_utf8_name(declared)) || text.find('\0') != std::string_view::npos) {
    return std::nullopt; // the whole-document parse converts, or reports the NUL
  }
  const size_t packages = text.find("<packages");
  if (packages == std::string_view::npos) {
    return std::nullopt;
  }
  // The header, closed off, as its own document: root attributes, <sources>.
  std::string header(text.substr(0, packages));
  header += "</coverage>";
  pugi::xml_document header_document;
  if (!header_document.load_buffer(header.data(), header.size(),
                                   k_parse_options | pugi::parse_doctype | pugi::parse_comments,
                                   pugi::encoding_utf8)) {
    return std::nullopt;
  }
  pugi::xml_node root = header_document.document_element();
  if (std::string_view(root.name()) != "coverage" || root.attribute("clover") ||
      root.child("project")) {
    return std::nullopt; // not Cobertura (Clover shares the root name)
  }
  for (pugi::xml_node node = header_document.first_child(); node; node = node.next_sibling()) {
    const bool second_root = node.type() == pugi::node_element && node != root;
    const bool entities = node.type() == pugi::node_doctype &&
                          std::string_view(node.value()).find("ENTITY") != std::string_view::npos;
    if (second_root || entities) {
      return std::nullopt; // the whole-document parse refuses these, located
    }
  }
  CoberturaReader reader(source);
  Status header_read = reader.read_header(root);
  if (!header_read) {
    return std::nullopt; // let the whole-document parse report it, located
  }

  size_t cursor = packages;
  WrapperNesting wrappers;
  while (true) {
    const size_t start = find_class(text, cursor);
    const std::string_view gap =
        text.substr(cursor, (start == std::string_view::npos ? text.size() : start) - cursor);
    if (!wrappers.consume(gap)) {
      return std::nullopt;
    }
    if (start == std::string_view::npos) {
      if (!wrappers.done()) {
        return std::nullopt; // not closed through </coverage>
      }
      break;
    }
    if (!wrappers.inside_classes()) {
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
    if (!fragment.load_buffer(text.data() + start, end - start, k_parse_options,
                              pugi::encoding_utf8) ||
        std::string_view(fragment.document_element().name()) != "class" ||
        fragment.document_element().next_sibling()) {
      return std::nullopt;
    }
    if (!reader.read_class(fragment.document_element())) {
      // Report errors as the whole-document parse does: it may find an
      // earlier problem (a truncated file) that takes precedence.
      return std::nullopt;
    }
    cursor = end;
  }
  return Result<CoverageReport>(reader.finish());
}

} // namespace gatekit::coverage::detail
