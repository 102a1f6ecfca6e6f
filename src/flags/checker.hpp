#pragma once

// The shared vocabulary of the two format readers: typed reads of document
// nodes that record a located finding instead of failing.

#include <gatekit/flags/model.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace gatekit::flags::detail {

class Checker {
public:
  Checker(std::string file, std::vector<Finding>& findings)
      : m_file(std::move(file)), m_findings(findings) {}

  const std::string& file() const { return m_file; }

  void error(const Node& at, std::string code, std::string message, const std::string& flag);
  void warning(const Node& at, std::string code, std::string message, const std::string& flag);

  // "expected a boolean, got the string "true"" unless `node` is of `kind`.
  bool expect(const Node& node, Node::Kind kind, const char* what, const std::string& flag);
  std::optional<bool> boolean(const Node* node, const std::string& flag);
  std::optional<std::string> string(const Node* node, const std::string& flag);
  // A number from 0 to 100.
  std::optional<double> percentage(const Node* node, const std::string& flag);
  // An RFC 3339 date-time string.
  std::optional<Instant> date(const Node* node, const std::string& flag);
  std::vector<std::string> strings(const Node* node, const std::string& flag);
  // Warns about every member of `object` not in `known`.
  void unknown_fields(const Node& object, std::initializer_list<const char*> known,
                      const std::string& flag, const char* what);

private:
  std::string m_file;
  std::vector<Finding>& m_findings;
};

// The own format's flags (root has "flags" of the own shape).
void read_own_flags(const Node& root, Checker& checker, std::vector<Flag>& flags);

// flagd's flags; "$ref"s are resolved against "$evaluators".
void read_flagd_flags(const Node& root, Checker& checker, std::vector<Flag>& flags);

} // namespace gatekit::flags::detail
