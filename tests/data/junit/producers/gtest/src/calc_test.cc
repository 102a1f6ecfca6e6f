// Tiny GoogleTest suite used to produce JUnit-style XML fixtures for gatekit.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

static int add(int a, int b) { return a + b; }

// --- plain tests -----------------------------------------------------------
TEST(Calc, AddPasses) { EXPECT_EQ(add(2, 3), 5); }

TEST(Calc, TwoFailingExpects) {
  EXPECT_EQ(add(2, 2), 5) << "two plus two should be five";
  EXPECT_TRUE(add(1, 1) == 3) << "one plus one should be three";
  EXPECT_EQ(add(0, 0), 0);  // this one passes
}

TEST(Calc, AssertStopsTest) {
  ASSERT_EQ(add(1, 2), 4) << "fatal: <xml> & \"quotes\" in message";
  ADD_FAILURE() << "never reached";
}

TEST(Calc, ThrowsUncaught) {
  std::vector<int> v;
  (void)v.at(3);  // throws std::out_of_range
}

TEST(Calc, DISABLED_NotReadyYet) { EXPECT_EQ(add(1, 1), 3); }

TEST(Calc, SkippedAtRuntime) {
  GTEST_SKIP() << "requires GPU";
  EXPECT_EQ(1, 2);
}

TEST(Calc, RecordsProperty) {
  RecordProperty("requirement", "REQ-42");
  RecordProperty("iterations", 3);
  EXPECT_EQ(add(-1, 1), 0);
}

TEST(Calc, UnicodeMessage) {
  std::string s = "café";
  EXPECT_EQ(s, "cafe") << "naïve ünïcødé ✓ comparison";
}

TEST(DISABLED_Slow, WholeSuiteDisabled) { EXPECT_TRUE(true); }

// --- fixture whose SetUp fails / skips ---------------------------------------
class Database : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) ==
        "SetUpFails") {
      FAIL() << "could not connect to database";
    }
  }
};

TEST_F(Database, SetUpFails) { EXPECT_TRUE(true); }
TEST_F(Database, QueryPasses) { EXPECT_EQ(add(40, 2), 42); }

// --- value-parametrized -------------------------------------------------------
class AddParam : public ::testing::TestWithParam<std::tuple<int, int, int>> {};

TEST_P(AddParam, Sums) {
  auto [a, b, expected] = GetParam();
  EXPECT_EQ(add(a, b), expected);
}

INSTANTIATE_TEST_SUITE_P(Small, AddParam,
                         ::testing::Values(std::make_tuple(1, 1, 2), std::make_tuple(2, 3, 5),
                                           std::make_tuple(10, -1, 8)));

// --- typed test -----------------------------------------------------------------
template <typename T>
class Numeric : public ::testing::Test {};

using NumericTypes = ::testing::Types<int, long, double>;
TYPED_TEST_SUITE(Numeric, NumericTypes);

TYPED_TEST(Numeric, ZeroIsFalsy) {
  TypeParam zero = 0;
  EXPECT_FALSE(zero);
}
