#include "checker.hpp"

#include <gatekit/flags/parse.hpp>

namespace gatekit::flags {
namespace {

// flagd flags carry "state"/"variants"/"defaultVariant"; the own format never does.
bool looks_like_flagd(const Node& root) {
  if (root.find("$evaluators") != nullptr) {
    return true;
  }
  if (const Node* schema = root.find("$schema");
      schema != nullptr && schema->text.find("flagd") != std::string::npos) {
    return true;
  }
  for (const auto& [key, flag] : root.find("flags")->members) {
    if (flag.find("state") != nullptr || flag.find("variants") != nullptr ||
        flag.find("defaultVariant") != nullptr) {
      return true;
    }
  }
  return false;
}

} // namespace

Result<FlagFile> parse_flag_file(std::string_view text, const std::string& path) {
  Result<Document> document = parse_document(text, path);
  if (!document) {
    return document.error();
  }
  const Node& root = document.value().root;
  const Node* flags = root.is_object() ? root.find("flags") : nullptr;
  if (flags == nullptr || !flags->is_object()) {
    const Node& at = flags != nullptr ? *flags : root;
    Error error = make_error(path,
                             "expected an object with a \"flags\" object (the own format or "
                             "flagd), got " +
                                 describe(at),
                             at.line, at.column);
    error.where.json_path = flags != nullptr ? "/flags" : "";
    return error;
  }
  FlagFile file;
  file.path = path;
  file.syntax = document.value().syntax;
  file.format = looks_like_flagd(root) ? Format::flagd : Format::own;
  file.flags_at = locate(path, *flags);
  for (const DuplicateKey& duplicate : document.value().duplicates) {
    file.findings.push_back(
        Finding{Severity::error, "duplicate-key",
                "duplicate key (first written on line " + std::to_string(duplicate.first_line) +
                    "); parsers silently keep only the last one",
                Location{path, duplicate.line, duplicate.column, duplicate.path}, ""});
  }
  detail::Checker checker(path, file.findings);
  if (file.format == Format::flagd) {
    detail::read_flagd_flags(root, checker, file.flags);
  } else {
    detail::read_own_flags(root, checker, file.flags);
  }
  return file;
}

} // namespace gatekit::flags
