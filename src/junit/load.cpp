#include <gatekit/common/file_io.hpp>
#include <gatekit/common/xml_errors.hpp>
#include <gatekit/junit/load.hpp>
#include <gatekit/junit/parse.hpp>

namespace gatekit::junit {

Result<TestRun> load_reports(const std::vector<std::string>& paths, const MergeOptions& options) {
  RunBuilder builder(options);
  for (const std::string& path : paths) {
    Result<std::string> bytes = read_file(path);
    if (!bytes) {
      return bytes.error();
    }
    Result<Report> report = parse_junit(std::move(bytes.value()), path);
    if (!report) {
      // Errors are rare: only then read the file again to find the line.
      Result<std::string> original = read_file(path);
      return original ? locate_xml_error(report.error(), std::move(original.value()))
                      : report.error();
    }
    Status added = builder.add(std::move(report.value()));
    if (!added) {
      return added.error();
    }
  }
  return builder.finish();
}

} // namespace gatekit::junit
