#include <gatekit/junit/report.hpp>

namespace gatekit::junit {

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
  case Outcome::skipped:
    return "skipped";
  case Outcome::passed:
    return "passed";
  case Outcome::flaky:
    return "flaky";
  case Outcome::failed:
    return "failed";
  case Outcome::error:
    return "error";
  }
  return "passed";
}

Outcome worst_of(Outcome a, Outcome b) {
  return a > b ? a : b;
}

void OutcomeCounts::add(Outcome outcome) {
  ++tests;
  switch (outcome) {
  case Outcome::passed:
    ++passed;
    break;
  case Outcome::flaky:
    ++flaky;
    break;
  case Outcome::skipped:
    ++skipped;
    break;
  case Outcome::failed:
    ++failures;
    break;
  case Outcome::error:
    ++errors;
    break;
  }
}

} // namespace gatekit::junit
