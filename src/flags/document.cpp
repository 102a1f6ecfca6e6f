#include <gatekit/common/text.hpp>
#include <gatekit/flags/document.hpp>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <tuple>

namespace gatekit::flags {
namespace {

constexpr std::size_t k_max_depth = 200;
constexpr std::size_t k_max_values = 1'000'000;

constexpr std::size_t k_max_key = 1024;
constexpr std::size_t k_max_pointer = 4096;

// Byte offsets to 1-based line and column, the column counted in UTF-8 code
// points as editors and GitHub show it. Lookups mostly move forward a little
// at a time, so counting resumes from the last one on the same line instead
// of from the line start, which keeps a long minified line linear.
class LineIndex {
public:
  explicit LineIndex(std::string_view text) : m_text(text) {
    m_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') {
        m_starts.push_back(i + 1);
      }
    }
  }
  std::pair<int, int> at(std::size_t offset) const {
    offset = std::min(offset, m_text.size());
    const auto next = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    const std::size_t line = static_cast<std::size_t>(next - m_starts.begin());
    std::size_t from = m_starts[line - 1];
    std::size_t chars = 0;
    if (m_last_line == line && m_last_offset <= offset) {
      from = m_last_offset;
      chars = m_last_chars;
    } else if (m_last_line == line && m_last_offset - offset < offset - from) {
      chars = m_last_chars - code_points(offset, m_last_offset);
      from = offset;
    }
    chars += code_points(from, offset);
    m_last_line = line;
    m_last_offset = offset;
    m_last_chars = chars;
    return {static_cast<int>(line), static_cast<int>(chars + 1)};
  }
  // The offset of a 1-based line and byte column (yaml-cpp's marks).
  std::size_t offset(int line, int byte_column) const {
    const std::size_t index =
        std::min(static_cast<std::size_t>(std::max(line, 1)), m_starts.size());
    return m_starts[index - 1] + static_cast<std::size_t>(std::max(byte_column, 1) - 1);
  }

private:
  // Every byte but a UTF-8 continuation byte starts a code point.
  std::size_t code_points(std::size_t from, std::size_t to) const {
    std::size_t count = 0;
    for (std::size_t i = from; i < to; ++i) {
      if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) {
        ++count;
      }
    }
    return count;
  }

  std::string_view m_text;
  std::vector<std::size_t> m_starts;
  mutable std::size_t m_last_line = 0;
  mutable std::size_t m_last_offset = 0;
  mutable std::size_t m_last_chars = 0;
};

// The link of a member `key` or item `index` under `parent`.
std::shared_ptr<const PathLink> child_link(const std::shared_ptr<const PathLink>& parent,
                                           std::string token) {
  auto link = std::make_shared<PathLink>();
  link->length = (parent ? parent->length : 0) + 1 + token.size();
  link->parent = parent;
  link->token = std::move(token);
  return link;
}

// Why a key cannot be used, or "": an over-long key (named, cut short) or a
// pointer that would grow past the cap.
std::string key_problem(const std::shared_ptr<const PathLink>& parent, std::string_view key) {
  if (key.size() > k_max_key) {
    return "key \"" + std::string(key.substr(0, 40)) + "...\" is " + std::to_string(key.size()) +
           " bytes long; keys longer than 1 KiB are refused";
  }
  if ((parent ? parent->length : 0) + 1 + json_pointer_token(key).size() > k_max_pointer) {
    return "key \"" + std::string(key.substr(0, 40)) +
           "\" makes a JSON Pointer longer than 4 KiB; such deep paths are refused";
  }
  return "";
}

// A char iterator that publishes how far nlohmann's lexer has read: its SAX
// callbacks carry no positions, but each one fires right after the lexer
// consumed the token it reports.
class CountingIterator {
public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, const char** cursor) : m_at(at), m_cursor(cursor) {}
  reference operator*() const { return *m_at; }
  CountingIterator& operator++() {
    ++m_at;
    *m_cursor = m_at;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const CountingIterator& other) const { return m_at == other.m_at; }
  bool operator!=(const CountingIterator& other) const { return m_at != other.m_at; }

private:
  const char* m_at;
  const char** m_cursor;
};

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Builds the Node tree from nlohmann's SAX events.
class TreeBuilder {
public:
  using json = nlohmann::json;

  TreeBuilder(std::string_view text, const char** cursor, Document& document)
      : m_text(text), m_cursor(cursor), m_lines(text), m_document(document) {}

  bool null() { return add_scalar(Node::Kind::null, token_start_literal()); }
  bool boolean(bool value) {
    Node* node = add_scalar(Node::Kind::boolean, token_start_literal());
    node->boolean = value;
    return true;
  }
  bool number_integer(json::number_integer_t value) {
    return add_number(static_cast<double>(value), true);
  }
  bool number_unsigned(json::number_unsigned_t value) {
    return add_number(static_cast<double>(value), true);
  }
  bool number_float(json::number_float_t value, const json::string_t&) {
    return add_number(value, false);
  }
  bool string(json::string_t& value) {
    Node* node = add_scalar(Node::Kind::string, token_start_string());
    node->text = value;
    return true;
  }
  bool binary(json::binary_t&) { return false; }
  bool start_object(std::size_t) { return open(Node::Kind::object); }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(Node::Kind::array); }
  bool end_array() { return close(); }
  bool key(json::string_t& key) {
    const std::size_t start = token_start_string();
    Frame& frame = m_stack.back();
    if (std::string problem = key_problem(frame.node->link, key); !problem.empty()) {
      m_error_offset = start;
      m_error = std::move(problem);
      return false;
    }
    const auto [line, column] = m_lines.at(start);
    const auto [seen, inserted] =
        frame.keys.emplace(key, std::pair{line, frame.node->members.size()});
    m_replace = inserted ? k_none : seen->second.second;
    if (!inserted) {
      m_document.duplicates.push_back(DuplicateKey{
          frame.node->path() + "/" + json_pointer_token(key), line, column, seen->second.first});
    }
    m_key = key;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) {
    m_error_offset = position > 0 ? position - 1 : 0;
    m_error = ex.what();
    return false;
  }

  std::optional<std::string> error(std::size_t& offset) const {
    offset = m_error_offset;
    return m_error;
  }
  std::pair<int, int> position(std::size_t offset) const { return m_lines.at(offset); }

private:
  struct Frame {
    Node* node;
    std::map<std::string, std::pair<int, std::size_t>> keys; // key -> (first line, member index)
  };

  std::size_t consumed() const { return static_cast<std::size_t>(*m_cursor - m_text.data()); }

  // Strings end at the cursor; their opening quote is the last unescaped one before.
  std::size_t token_start_string() const {
    std::size_t end = consumed();
    if (end < 2) {
      return 0;
    }
    std::size_t i = end - 1; // the closing quote
    while (i > 0) {
      --i;
      if (m_text[i] != '"') {
        continue;
      }
      std::size_t slashes = 0;
      while (i > slashes && m_text[i - 1 - slashes] == '\\') {
        ++slashes;
      }
      if (slashes % 2 == 0) {
        return i;
      }
    }
    return 0;
  }
  std::size_t token_start_literal() const {
    std::size_t i = consumed();
    while (i > 0 && m_text[i - 1] >= 'a' && m_text[i - 1] <= 'z') {
      --i;
    }
    return i;
  }
  // The lexer reads one character past a number before it knows the number ended.
  std::size_t token_start_number() const {
    std::size_t i = consumed();
    if (i > 0 && !is_number_char(m_text[i - 1])) {
      --i;
    }
    while (i > 0 && is_number_char(m_text[i - 1])) {
      --i;
    }
    return i;
  }

  bool add_number(double value, bool integer) {
    const std::size_t start = token_start_number();
    Node* node = add_scalar(Node::Kind::number, start);
    node->number = value;
    node->integer = integer;
    std::size_t end = start;
    while (end < m_text.size() && is_number_char(m_text[end])) {
      ++end;
    }
    node->text = std::string(m_text.substr(start, end - start));
    return true;
  }

  Node* add_scalar(Node::Kind kind, std::size_t offset) {
    Node* node = place();
    node->kind = kind;
    const auto [line, column] = m_lines.at(offset);
    node->line = line;
    node->column = column;
    return node;
  }

  // Where the next value goes: the root, the end of an array, or an object member.
  Node* place() {
    ++m_values;
    if (m_stack.empty()) {
      return &m_document.root;
    }
    Node& parent = *m_stack.back().node;
    if (parent.kind == Node::Kind::array) {
      parent.items.emplace_back();
      Node& item = parent.items.back();
      item.link = child_link(parent.link, std::to_string(parent.items.size() - 1));
      return &item;
    }
    // A repeated key replaces the earlier value, as JSON parsers do.
    if (m_replace != k_none) {
      Node& value = parent.members[m_replace].second;
      value = Node();
      value.link = child_link(parent.link, json_pointer_token(m_key));
      return &value;
    }
    parent.members.push_back(Member{m_key, Node()});
    Node& member = parent.members.back().second;
    member.link = child_link(parent.link, json_pointer_token(m_key));
    return &member;
  }

  bool open(Node::Kind kind) {
    if (m_stack.size() >= k_max_depth || m_values >= k_max_values) {
      m_error_offset = consumed() > 0 ? consumed() - 1 : 0;
      m_error = m_stack.size() >= k_max_depth ? "nested deeper than 200 levels"
                                              : "more than a million values";
      return false;
    }
    Node* node = add_scalar(kind, consumed() > 0 ? consumed() - 1 : 0);
    m_stack.push_back(Frame{node, {}});
    return true;
  }
  bool close() {
    m_stack.pop_back();
    return true;
  }

  std::string_view m_text;
  const char** m_cursor;
  LineIndex m_lines;
  Document& m_document;
  std::vector<Frame> m_stack;
  std::string m_key;
  static constexpr std::size_t k_none = static_cast<std::size_t>(-1);
  std::size_t m_replace = k_none; // the member a repeated key overwrites
  std::size_t m_values = 0;
  std::optional<std::string> m_error;
  std::size_t m_error_offset = 0;
};

// "[json.exception.parse_error.101] parse error at line 1, column 2: syntax
// error while parsing value - invalid literal; last read: 'tr'" -> the part
// after the position, which the caller prints as file:line:col already.
std::string plain_json_message(const std::string& what) {
  static const std::regex prefix(
      R"(^\[json\.exception\.[a-z_]+\.\d+\] (parse error( at line \d+, column \d+)?: )?)");
  std::string message = std::regex_replace(what, prefix, "");
  return message.empty() ? "malformed JSON" : message;
}

Result<Document> parse_json(std::string_view text, const std::string& file) {
  Document document;
  document.syntax = Syntax::json;
  const char* cursor = text.data();
  TreeBuilder builder(text, &cursor, document);
  const char* begin = text.data();
  const bool ok = nlohmann::json::sax_parse(
      CountingIterator(begin, &cursor), CountingIterator(begin + text.size(), &cursor), &builder);
  std::size_t offset = 0;
  if (!ok) {
    const std::optional<std::string> message = builder.error(offset);
    const auto [line, column] = builder.position(std::min(offset, text.size()));
    return make_error(file, "not valid JSON: " + plain_json_message(message.value_or("malformed")),
                      line, column);
  }
  return document;
}

// YAML 1.2 core schema for plain (unquoted) scalars.
void type_plain_scalar(const std::string& value, Node& node) {
  static const std::regex integer(R"([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)");
  static const std::regex real(
      R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
  node.text = value;
  if (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL") {
    node.kind = Node::Kind::null;
  } else if (value == "true" || value == "True" || value == "TRUE" || value == "false" ||
             value == "False" || value == "FALSE") {
    node.kind = Node::Kind::boolean;
    node.boolean = value[0] == 't' || value[0] == 'T';
  } else if (std::regex_match(value, integer) || std::regex_match(value, real)) {
    node.kind = Node::Kind::number;
    node.integer = std::regex_match(value, integer);
    try {
      node.number = value.rfind("0x", 0) == 0 ? static_cast<double>(std::stoull(value, nullptr, 16))
                    : value.rfind("0o", 0) == 0
                        ? static_cast<double>(std::stoull(value.substr(2), nullptr, 8))
                        : std::stod(value);
    } catch (const std::exception&) {
      node.kind = Node::Kind::string; // out of range: keep the text
    }
  } else {
    node.kind = Node::Kind::string;
  }
}

class YamlConverter {
public:
  YamlConverter(std::string_view text, Document& document) : m_lines(text), m_document(document) {}

  std::optional<std::string> convert(const YAML::Node& yaml, Node& node, std::size_t depth) {
    if (depth > k_max_depth) {
      return "nested deeper than 200 levels";
    }
    if (++m_values > k_max_values) {
      return "more than a million values (an alias bomb?)";
    }
    std::tie(node.line, node.column) = position(yaml.Mark());
    switch (yaml.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      node.kind = Node::Kind::null;
      return std::nullopt;
    case YAML::NodeType::Scalar:
      if (yaml.Tag() == "?") {
        type_plain_scalar(yaml.Scalar(), node);
      } else {
        node.kind = Node::Kind::string;
        node.text = yaml.Scalar();
      }
      return std::nullopt;
    case YAML::NodeType::Sequence:
      node.kind = Node::Kind::array;
      for (const YAML::Node& item : yaml) {
        node.items.emplace_back();
        Node& child = node.items.back();
        child.link = child_link(node.link, std::to_string(node.items.size() - 1));
        if (auto error = convert(item, child, depth + 1)) {
          return error;
        }
      }
      return std::nullopt;
    case YAML::NodeType::Map:
      node.kind = Node::Kind::object;
      // key -> (first line, member index); a repeated key overwrites in place.
      std::map<std::string, std::pair<int, std::size_t>> seen;
      for (const auto& entry : yaml) {
        const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
        if (std::string problem = key_problem(node.link, key); !problem.empty()) {
          return problem;
        }
        const auto [line, column] = position(entry.first.Mark());
        std::shared_ptr<const PathLink> link = child_link(node.link, json_pointer_token(key));
        const auto [first, inserted] = seen.emplace(key, std::pair{line, node.members.size()});
        if (inserted) {
          node.members.push_back(Member{key, Node()});
        } else {
          m_document.duplicates.push_back(
              DuplicateKey{node.path() + "/" + link->token, line, column, first->second.first});
          node.members[first->second.second].second = Node();
        }
        Node& child = node.members[first->second.second].second;
        child.link = std::move(link);
        if (auto error = convert(entry.second, child, depth + 1)) {
          return error;
        }
      }
      return std::nullopt;
    }
    return std::nullopt;
  }

private:
  // yaml-cpp counts columns in bytes; findings show characters.
  std::pair<int, int> position(const YAML::Mark& mark) const {
    if (mark.line < 0) { // a null mark: no position known
      return {0, 0};
    }
    return m_lines.at(m_lines.offset(mark.line + 1, mark.column + 1));
  }

  LineIndex m_lines;
  Document& m_document;
  std::size_t m_values = 0;
};

Result<Document> parse_yaml(std::string_view text, const std::string& file) {
  Document document;
  document.syntax = Syntax::yaml;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    if (error.mark.line < 0) { // yaml-cpp's null mark: no position known
      return make_error(file, "not valid YAML: " + error.msg);
    }
    const LineIndex lines(text);
    const auto [line, column] = lines.at(lines.offset(error.mark.line + 1, error.mark.column + 1));
    return make_error(file, "not valid YAML: " + error.msg, line, column);
  }
  YamlConverter converter(text, document);
  if (auto error = converter.convert(root, document.root, 0)) {
    return make_error(file, "not usable YAML: " + *error);
  }
  return document;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace

std::string Node::path() const {
  if (!link) {
    return "";
  }
  std::vector<const PathLink*> steps;
  for (const PathLink* step = link.get(); step != nullptr; step = step->parent.get()) {
    steps.push_back(step);
  }
  std::string pointer;
  pointer.reserve(link->length);
  for (auto step = steps.rbegin(); step != steps.rend(); ++step) {
    pointer += '/';
    pointer += (*step)->token;
  }
  return pointer;
}

const Node* Node::find(std::string_view key) const {
  for (const auto& [name, value] : members) {
    if (name == key) {
      return &value;
    }
  }
  return nullptr;
}

Result<Document> parse_document(std::string_view text, const std::string& file) {
  if (ends_with(file, ".yml") || ends_with(file, ".yaml")) {
    return parse_yaml(text, file);
  }
  std::size_t first = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while (first < text.size() && (text[first] == ' ' || text[first] == '\t' || text[first] == '\n' ||
                                 text[first] == '\r')) {
    ++first;
  }
  if (first < text.size() && (text[first] == '{' || text[first] == '[')) {
    return parse_json(text, file);
  }
  if (first == text.size()) {
    return make_error(file, "file is empty");
  }
  return parse_yaml(text, file);
}

std::string describe(const Node& node) {
  switch (node.kind) {
  case Node::Kind::null:
    return "null";
  case Node::Kind::boolean:
    return node.boolean ? "the boolean true" : "the boolean false";
  case Node::Kind::number:
    return "the number " + node.text;
  case Node::Kind::string: {
    const std::string shown = node.text.size() > 40 ? node.text.substr(0, 40) + "..." : node.text;
    return "the string \"" + shown + "\"";
  }
  case Node::Kind::array:
    return "an array";
  case Node::Kind::object:
    return "an object";
  }
  return "a value";
}

} // namespace gatekit::flags
