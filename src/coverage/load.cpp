#include <gatekit/common/file_io.hpp>
#include <gatekit/common/percent.hpp>
#include <gatekit/common/process.hpp>
#include <gatekit/common/xml_errors.hpp>
#include <gatekit/coverage/load.hpp>
#include <gatekit/coverage/parse.hpp>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

namespace gatekit::coverage {

Result<MergedCoverage> load_coverage(const std::vector<std::string>& paths,
                                     CoverageMerger& merger) {
  for (const std::string& path : paths) {
    Result<std::string> bytes = read_file(path);
    if (!bytes) {
      return bytes.error();
    }
    Result<CoverageReport> report = parse_coverage(std::move(bytes.value()), path);
    if (!report) {
      // Errors are rare: only then read the file again to find the line.
      Result<std::string> original = read_file(path);
      return original ? locate_xml_error(report.error(), std::move(original.value()))
                      : report.error();
    }
    merger.add(std::move(report.value()));
  }
  return merger.finish();
}

Result<std::vector<CoverageRule>> parse_rules(std::string_view text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    return make_error(source, "not valid YAML: " + error.msg, error.mark.line + 1,
                      error.mark.column + 1);
  }
  if (root.IsNull()) {
    return std::vector<CoverageRule>();
  }
  if (!root.IsMap()) {
    return make_error(source,
                      "expected a mapping of glob to minimum percent, e.g. 'src/core/**: 90'",
                      root.Mark().line + 1, root.Mark().column + 1);
  }
  std::vector<CoverageRule> rules;
  for (const auto& entry : root) {
    const std::string pattern = entry.first.Scalar();
    const std::string value = entry.second.IsScalar() ? entry.second.Scalar() : "";
    const std::optional<Percent> minimum = parse_percent(value);
    if (pattern.empty() || !minimum) {
      Error error = make_error(
          source, "rule '" + pattern + "': '" + value + "' is not a percentage from 0 to 100",
          entry.second.Mark().line + 1, entry.second.Mark().column + 1);
      error.where.json_path = "/" + pattern;
      return error;
    }
    rules.push_back(CoverageRule{pattern, *minimum});
  }
  return rules;
}

Result<Counts> parse_baseline(std::string_view text, const std::string& source) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    return make_error(source,
                      std::string("not valid JSON (at byte ") + std::to_string(error.byte) + ")");
  }
  Counts counts;
  const std::pair<const char*, std::uint64_t*> fields[] = {
      {"lines_covered", &counts.lines_covered},
      {"lines_valid", &counts.lines_valid},
      {"branches_covered", &counts.branches_covered},
      {"branches_valid", &counts.branches_valid}};
  for (const auto& [name, target] : fields) {
    const nlohmann::json::json_pointer pointer("/totals/" + std::string(name));
    if (!json.contains(pointer) || !json.at(pointer).is_number_unsigned()) {
      Error error = make_error(
          source, "expected a whole number (is this a coverage-gate --report-json file?)");
      error.where.json_path = pointer.to_string();
      return error;
    }
    *target = json.at(pointer).get<std::uint64_t>();
  }
  if (counts.lines_covered > counts.lines_valid ||
      counts.branches_covered > counts.branches_valid) {
    Error error = make_error(source, "more covered than valid: not a coverage-gate report");
    error.where.json_path = "/totals";
    return error;
  }
  return counts;
}

Result<std::vector<ChangedFile>> diff_against(const std::string& base,
                                              const std::string& directory) {
  // The user's git configuration must not change the diff's shape (prefixes,
  // quoting, textconv), and inside a Docker action git refuses the mounted
  // workspace, owned by another user, unless it is declared safe: this only
  // reads a diff, so any directory is.
  // "--end-of-options" keeps a hostile ref from being read as an option.
  Result<std::string> diff = run_capture(
      {"git", "-c", "safe.directory=*", "-c", "core.quotePath=false", "-c", "diff.noprefix=false",
       "-c", "diff.mnemonicPrefix=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv",
       "--no-relative", "--src-prefix=a/", "--dst-prefix=b/", "--end-of-options", base + "...HEAD"},
      directory);
  if (!diff) {
    return diff.error();
  }
  return parse_unified_diff(diff.value(), "git diff " + base + "...HEAD");
}

} // namespace gatekit::coverage
