#pragma once

#include <gatekit/common/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace gatekit {

// Expands what a user names as inputs into a sorted, de-duplicated file list.
// Each entry may be a file, a directory (searched recursively for files ending
// in one of `directory_suffixes`), or a glob such as "reports/**/*.xml". Fails on a
// missing file, a directory with no matching files, or a glob matching nothing,
// naming the entry that found nothing.
Result<std::vector<std::string>>
expand_input_paths(const std::vector<std::string>& entries,
                   const std::vector<std::string>& directory_suffixes);

// The regular files a glob such as "tests/**/test_*.py" matches, sorted;
// empty when none do. Fails only when a directory cannot be read.
Result<std::vector<std::string>> glob_files(const std::string& pattern);

} // namespace gatekit
