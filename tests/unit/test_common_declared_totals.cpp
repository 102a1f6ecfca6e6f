#include <gatekit/common/declared_totals.hpp>

#include <doctest/doctest.h>

using namespace gatekit;

TEST_SUITE("common::declared_totals") {
  TEST_CASE("only declared totals that differ are listed, in order") {
    CHECK_FALSE(compare_totals({{"tests", 3, 3}, {"failures", std::nullopt, 7}}).has_value());
    const std::optional<TotalMismatch> mismatch =
        compare_totals({{"tests", 4, 3}, {"errors", 0, 0}, {"skipped", 2, 1}});
    REQUIRE(mismatch.has_value());
    CHECK(mismatch->declared == "tests=4 skipped=2");
    CHECK(mismatch->counted == "tests=3 skipped=1");
  }

  TEST_CASE("a sum stays absent until some part declares a total") {
    std::optional<std::uint64_t> sum;
    add_declared(sum, std::nullopt);
    CHECK_FALSE(sum.has_value());
    add_declared(sum, 2);
    add_declared(sum, std::nullopt);
    add_declared(sum, 5);
    CHECK(sum == 7);
  }
}
