#pragma once

#include <gatekit/common/error.hpp>
#include <gatekit/junit/merge.hpp>

#include <string>
#include <vector>

namespace gatekit::junit {

// Reads and parses each file in turn, folding it into one TestRun before the
// next is read, so memory holds one file's XML at a time. Fails on the first
// unreadable or invalid file.
Result<TestRun> load_reports(const std::vector<std::string>& paths, const MergeOptions& options);

} // namespace gatekit::junit
