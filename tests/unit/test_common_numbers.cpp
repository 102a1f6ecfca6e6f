#include <gatekit/common/numbers.hpp>
#include <gatekit/common/percent.hpp>

#include <doctest/doctest.h>

using namespace gatekit;

TEST_SUITE("common::numbers") {
  TEST_CASE("counts reject signs, fractions and words") {
    CHECK_FALSE(parse_count("").has_value());
    CHECK_FALSE(parse_count("-1").has_value());
    CHECK_FALSE(parse_count("+1").has_value());
    CHECK_FALSE(parse_count("1.5").has_value());
    CHECK_FALSE(parse_count("ten").has_value());
    CHECK(parse_count(" 12 ") == 12u);
  }

  TEST_CASE("durations reject negative, non-finite and non-numeric text") {
    CHECK_FALSE(parse_seconds("abc").has_value());
    CHECK_FALSE(parse_seconds("-1").has_value());
    CHECK_FALSE(parse_seconds("nan").has_value());
    CHECK_FALSE(parse_seconds("inf").has_value());
    CHECK_FALSE(parse_seconds("1.2.3").has_value());
  }

  TEST_CASE("durations accept the forms test reports use") {
    CHECK(parse_seconds("1.5") == doctest::Approx(1.5));
    CHECK(parse_seconds("1E-07") == doctest::Approx(1e-7));
    CHECK(parse_seconds("1,234.5") == doctest::Approx(1234.5)); // older Surefire, JUnit 5
    CHECK(parse_seconds("14,029.255") == doctest::Approx(14029.255));
    CHECK(parse_seconds("1,234,567.5") == doctest::Approx(1234567.5));
    CHECK(parse_seconds("2,120") == doctest::Approx(2120.0)); // thousands, no fraction
    CHECK(parse_seconds("0,25") == doctest::Approx(0.25));    // a decimal comma
    CHECK(parse_seconds("0,250") == doctest::Approx(0.25));   // integer part 0: decimal comma
  }
}

TEST_SUITE("common::percent") {
  TEST_CASE("thresholds outside 0..100 or with too many decimals are rejected") {
    CHECK_FALSE(parse_percent("").has_value());
    CHECK_FALSE(parse_percent("101").has_value());
    CHECK_FALSE(parse_percent("100.5").has_value());
    CHECK_FALSE(parse_percent("-5").has_value());
    CHECK_FALSE(parse_percent("95.1234567").has_value());
    CHECK_FALSE(parse_percent("9 5").has_value());
    CHECK_FALSE(parse_percent(".").has_value());
  }

  TEST_CASE("thresholds parse exactly, with an optional percent sign") {
    CHECK(parse_percent("95")->micro == 95'000'000);
    CHECK(parse_percent("97.3")->micro == 97'300'000);
    CHECK(parse_percent("98.25%")->micro == 98'250'000);
    CHECK(parse_percent("0")->micro == 0);
    CHECK(parse_percent("100")->micro == 100'000'000);
  }

  TEST_CASE("ratios compare exactly where binary floating point would not") {
    // 973/1000 = 97.3% exactly; 97.3 is not representable in binary.
    CHECK(ratio_meets(973, 1000, *parse_percent("97.3")));
    CHECK_FALSE(ratio_meets(972, 1000, *parse_percent("97.3")));
    CHECK(ratio_meets(19, 20, *parse_percent("95")));
    CHECK_FALSE(ratio_meets(18, 20, *parse_percent("95")));
    CHECK_FALSE(ratio_meets(0, 0, *parse_percent("0")));
  }

  TEST_CASE("a failing percentage is never rounded up to the threshold") {
    // 84999/100000 = 84.999%: shown as 84.99, not 85.00.
    CHECK(format_ratio_percent(84999, 100000) == "84.99");
    CHECK(format_ratio_percent(2, 3) == "66.66");
    CHECK(format_ratio_percent(1, 1) == "100.00");
    CHECK(format_ratio_percent(0, 5) == "0.00");
    CHECK(format_ratio_percent(1, 0) == "n/a");
    CHECK(ratio_percent_floor(2, 3) == doctest::Approx(66.66));
  }

  TEST_CASE("thresholds print without trailing zeros") {
    CHECK(format_percent(*parse_percent("95")) == "95");
    CHECK(format_percent(*parse_percent("97.50")) == "97.5");
  }
}
