#include "checker.hpp"

#include <gatekit/common/text.hpp>
#include <gatekit/flags/rfc3339.hpp>

#include <algorithm>

namespace gatekit::flags::detail {

void Checker::error(const Node& at, std::string code, std::string message,
                    const std::string& flag) {
  m_findings.push_back(
      Finding{Severity::error, std::move(code), std::move(message), locate(m_file, at), flag});
}

void Checker::warning(const Node& at, std::string code, std::string message,
                      const std::string& flag) {
  m_findings.push_back(
      Finding{Severity::warning, std::move(code), std::move(message), locate(m_file, at), flag});
}

bool Checker::expect(const Node& node, Node::Kind kind, const char* what, const std::string& flag) {
  if (node.kind == kind) {
    return true;
  }
  error(node, "wrong-type", std::string("expected ") + what + ", got " + describe(node), flag);
  return false;
}

std::optional<bool> Checker::boolean(const Node* node, const std::string& flag) {
  if (node == nullptr) {
    return std::nullopt;
  }
  // YAML 1.1 readers (PyYAML, which the design documents' Python uses) take
  // a plain yes/no/on/off as a boolean; YAML 1.2 and JSON take a string.
  const std::string word = node->kind == Node::Kind::string ? to_lower(node->text) : "";
  if (word == "yes" || word == "no" || word == "on" || word == "off") {
    error(*node, "wrong-type",
          "expected a boolean (true or false), got " + describe(*node) +
              ", which YAML 1.1 readers such as PyYAML would take as a boolean and YAML 1.2 "
              "and JSON as a string: write true or false",
          flag);
    return std::nullopt;
  }
  if (!expect(*node, Node::Kind::boolean, "a boolean (true or false)", flag)) {
    return std::nullopt;
  }
  return node->boolean;
}

std::optional<std::string> Checker::string(const Node* node, const std::string& flag) {
  if (node == nullptr || !expect(*node, Node::Kind::string, "a string", flag)) {
    return std::nullopt;
  }
  return node->text;
}

std::optional<double> Checker::percentage(const Node* node, const std::string& flag) {
  if (node == nullptr || !expect(*node, Node::Kind::number, "a number from 0 to 100", flag)) {
    return std::nullopt;
  }
  if (!(node->number >= 0 && node->number <= 100)) {
    error(*node, "percentage-out-of-range", "percentage " + node->text + " is outside 0..100",
          flag);
    return std::nullopt;
  }
  return node->number;
}

std::optional<Instant> Checker::date(const Node* node, const std::string& flag) {
  if (node == nullptr || !expect(*node, Node::Kind::string, "an RFC 3339 date-time string", flag)) {
    return std::nullopt;
  }
  const std::optional<Instant> instant = parse_rfc3339(node->text);
  if (!instant) {
    const std::string hint = rfc3339_hint(node->text);
    error(*node, "bad-date",
          "\"" + node->text.substr(0, 60) +
              "\" is not an RFC 3339 date-time (e.g. 2025-10-20T00:00:00Z)" +
              (hint.empty() ? "" : ": " + hint),
          flag);
  }
  return instant;
}

std::vector<std::string> Checker::strings(const Node* node, const std::string& flag) {
  std::vector<std::string> values;
  if (node == nullptr || !expect(*node, Node::Kind::array, "an array of strings", flag)) {
    return values;
  }
  for (const Node& item : node->items) {
    if (expect(item, Node::Kind::string, "a string", flag)) {
      values.push_back(item.text);
    }
  }
  return values;
}

void Checker::unknown_fields(const Node& object, std::initializer_list<const char*> known,
                             const std::string& flag, const char* what) {
  for (const auto& [key, value] : object.members) {
    const std::string& name = key; // lambdas cannot capture a structured binding in clang 14
    if (std::none_of(known.begin(), known.end(), [&name](const char* k) { return name == k; })) {
      warning(value, "unknown-field",
              "unknown field \"" + name + "\" in " + what + " (a typo? it is ignored)", flag);
    }
  }
}

} // namespace gatekit::flags::detail
