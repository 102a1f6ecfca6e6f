#pragma once

// Helpers shared by the renderers; not part of the public interface.

#include <gatekit/junit/gate.hpp>
#include <gatekit/junit/merge.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace gatekit::junit::detail {

// Indices of the `limit` slowest tests, slowest first.
std::vector<std::uint32_t> slowest_tests(const TestRun& run, std::size_t limit);

// "file:line", "file" or "" for a test.
std::string location_of(const TestRun& run, const TestCase& test,
                        const std::vector<std::string>& workspaces);

// The failure message of a test, or a placeholder when the report has none.
std::string message_of(const TestRun& run, const TestCase& test);

} // namespace gatekit::junit::detail
