#include "../common/xml_document.hpp"

#include <gatekit/common/declared_totals.hpp>
#include <gatekit/common/numbers.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/junit/parse.hpp>

#include <pugixml.hpp>

#include <optional>
#include <string_view>
#include <unordered_map>

// JUnit XML has no single specification: every producer writes its own
// dialect. The walk below accepts the union of them and decides each case's
// outcome from its children, never from the suites' declared totals.

namespace gatekit::junit {
namespace {

constexpr size_t k_max_message_bytes = 4096;
constexpr size_t k_max_text_bytes = 8192; // outputs show 4 KB at most

// True if `text` equals `literal`. Inlined for literals; stops at the first
// differing byte, so it never reads past the end of a shorter `text`.
template <size_t N> bool is(const char* text, const char (&literal)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (text[i] != literal[i]) {
      return false;
    }
  }
  return true;
}

// Formats that are not JUnit XML but are often mistaken for it, by root element.
const char* foreign_format(std::string_view root) {
  if (root == "test-run") {
    return "an NUnit 3 result file (<test-run>)";
  }
  if (root == "test-results") {
    return "an NUnit 2 result file (<test-results>)";
  }
  if (root == "TestRun") {
    return "a Visual Studio TRX file (<TestRun>)";
  }
  if (root == "assemblies") {
    return "an xUnit.net v2 result file (<assemblies>)";
  }
  if (root == "assembly") {
    return "an xUnit.net v1 result file (<assembly>)";
  }
  if (root == "testng-results") {
    return "a TestNG result file (<testng-results>)";
  }
  if (root == "coverage") {
    return "a Cobertura coverage report (<coverage>); use coverage-gate for it";
  }
  if (root == "report") {
    return "a JaCoCo coverage report (<report>); use coverage-gate for it";
  }
  if (root == "html" || root == "HTML") {
    return "an HTML page (<html>), perhaps an error page saved in place of the report";
  }
  return nullptr;
}

// Real reports nest a handful of levels (Surefire: 4, PHPUnit data providers: 6).
constexpr int k_max_depth = 256;

// Producer quirks that change how a case is read.
struct DialectRules {
  bool zero_based_lines = false; // pytest's xunit1 `line` counts from 0
  bool ctest = false;
};

class ReportBuilder {
public:
  explicit ReportBuilder(Report& report) : m_report(report) {
    m_report.strings.emplace_back();
    m_ids.emplace(std::string(), 0);
  }

  // As intern(), first trying the id of the previous case's value: consecutive
  // cases nearly always share their class and file.
  StringId intern_repeated(std::string_view text, StringId& last) {
    if (m_report.strings[last] != text) {
      last = intern(text);
    }
    return last;
  }

  StringId intern(std::string_view text) {
    const auto found = m_ids.find(std::string(text));
    if (found != m_ids.end()) {
      return found->second;
    }
    const auto id = static_cast<StringId>(m_report.strings.size());
    m_report.strings.emplace_back(text);
    m_ids.emplace(std::string(text), id);
    return id;
  }

  Error error_at(pugi::xml_node node, const std::string& message) const {
    return xml::error_at(node, m_report.source, message);
  }

  // A count attribute such as tests="12"; nullopt when absent or empty.
  Result<std::optional<std::uint64_t>> count_attribute(pugi::xml_node node,
                                                       const char* name) const {
    const pugi::xml_attribute attribute = node.attribute(name);
    const std::string_view value = trim(attribute.value());
    if (value.empty()) {
      return std::optional<std::uint64_t>();
    }
    const std::optional<std::uint64_t> parsed = parse_count(value);
    if (!parsed) {
      return error_at(node, "<" + std::string(node.name()) + "> attribute " + name + "=\"" +
                                truncate_utf8(value, 40, "…") + "\" is not a whole number");
    }
    return parsed;
  }

  Result<double> time_attribute(pugi::xml_node node) const {
    return time_value(node, node.attribute("time").value());
  }

  // `text`, the time attribute of `node`, in seconds; 0 when empty.
  Result<double> time_value(pugi::xml_node node, const char* text) const {
    const std::string_view value = trim(text);
    if (value.empty()) {
      return 0.0;
    }
    const std::optional<double> parsed = parse_seconds(value);
    if (!parsed) {
      return error_at(node, "<" + std::string(node.name()) + "> attribute time=\"" +
                                truncate_utf8(value, 40, "…") + "\" is not a duration in seconds");
    }
    return *parsed;
  }

  // Checks the numeric attributes of a <testsuite>/<testsuites> element.
  Result<DeclaredTotals> suite_totals(pugi::xml_node suite) const {
    DeclaredTotals totals;
    std::optional<std::uint64_t>* targets[] = {&totals.tests, &totals.failures, &totals.errors,
                                               &totals.skipped};
    const char* names[] = {"tests", "failures", "errors", "skipped"};
    for (size_t i = 0; i < 4; ++i) {
      Result<std::optional<std::uint64_t>> value = count_attribute(suite, names[i]);
      if (!value) {
        return value.error();
      }
      *targets[i] = value.value();
    }
    if (!totals.skipped) {
      Result<std::optional<std::uint64_t>> skips = count_attribute(suite, "skips");
      if (!skips) {
        return skips.error();
      }
      totals.skipped = skips.value();
    }
    for (const char* other : {"disabled", "flakes"}) {
      Result<std::optional<std::uint64_t>> value = count_attribute(suite, other);
      if (!value) {
        return value.error();
      }
    }
    Result<double> time = time_attribute(suite);
    if (!time) {
      return time.error();
    }
    return totals;
  }

  Status add_case(pugi::xml_node node, StringId suite, StringId suite_file,
                  const DialectRules& rules, int depth);

  // Refuses a subtree the walk does not visit if it nests too deep: removing
  // a walked suite recurses over everything below it (pugixml's destroy_node),
  // so depth must be bounded before that. Real skipped subtrees are a node or
  // two (<system-out>, <properties>), so this costs nearly nothing.
  Status check_nesting(pugi::xml_node subtree, int depth) const {
    if (depth > k_max_depth) {
      return error_at(subtree, nesting_message());
    }
    if (const pugi::xml_node deep = xml::first_node_deeper_than(subtree, k_max_depth - depth)) {
      return error_at(deep, nesting_message());
    }
    return Done{};
  }

  static std::string nesting_message() {
    return "elements are nested more than " + std::to_string(k_max_depth) +
           " levels deep; no test report needs that";
  }

private:
  Report& m_report;
  std::unordered_map<std::string, StringId> m_ids;
  StringId m_last_classname = 0;
  StringId m_last_file = 0;
};

// All character data directly inside `node` (text and CDATA sections).
std::string element_text(pugi::xml_node node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text += child.value();
      if (text.size() > k_max_text_bytes) {
        break;
      }
    }
  }
  return truncate_utf8(text, k_max_text_bytes, "\n… (truncated)");
}

// Surefire nests the rerun's trace in <stackTrace>; others write it inline.
std::string failure_text(pugi::xml_node node) {
  std::string text = element_text(node);
  if (text.empty()) {
    const pugi::xml_node trace = node.child("stackTrace");
    if (trace) {
      text = element_text(trace);
    }
  }
  return text;
}

// pytest's xunit2 family writes no file/line attributes, but its failure text
// ends with "tests/test_api.py:42: AssertionError". Returns the last such
// relative "path:line: " location, the failing line in the test file.
std::optional<std::pair<std::string, std::uint32_t>> location_in_trace(std::string_view text) {
  std::optional<std::pair<std::string, std::uint32_t>> found;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    const size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos || line.front() == '/' ||
        line.front() == ' ') {
      continue;
    }
    const std::string_view path = line.substr(0, colon);
    const size_t number_end = line.find(':', colon + 1);
    if (number_end == std::string_view::npos || path.find(' ') != std::string_view::npos ||
        path.find('.') == std::string_view::npos) {
      continue;
    }
    const std::optional<std::uint64_t> number =
        parse_count(line.substr(colon + 1, number_end - colon - 1));
    if (number && *number > 0 && *number <= UINT32_MAX) {
      found = std::make_pair(std::string(path), static_cast<std::uint32_t>(*number));
    }
  }
  return found;
}

// Case-level status words of ctest, gtest, tst and friends for a case with no
// child element: a naive counter would call these passed.
bool status_means_skipped(std::string_view status) {
  if (status.empty()) {
    return false;
  }
  const std::string lower = to_lower(trim(status));
  return lower == "disabled" || lower == "notrun" || lower == "not run" || lower == "skipped" ||
         lower == "skip" || lower == "suppressed" || lower == "ignored" || lower == "pending";
}

bool status_means_failed(std::string_view status) {
  if (status.empty()) {
    return false;
  }
  const std::string lower = to_lower(trim(status));
  return lower == "fail" || lower == "failed" || lower == "failure";
}

// ctest writes a test it could not start ("Unable to find executable",
// "Required Files Missing", a failed fixture) exactly like a real skip:
// status="notrun" with <skipped>. ctest itself counts those as failed; only
// its SKIP_RETURN_CODE / SKIP_REGULAR_EXPRESSION skips are skips.
bool ctest_could_not_run(std::string_view status, pugi::xml_node skipped) {
  const std::string_view message = skipped.attribute("message").value();
  return status == "notrun" && message.rfind("SKIP_", 0) != 0 && message != "Disabled";
}

Status ReportBuilder::add_case(pugi::xml_node node, StringId suite, StringId suite_file,
                               const DialectRules& rules, int depth) {
  // One pass over the attributes: looking each one up by name costs a string
  // comparison per attribute per lookup, the parser's hottest path.
  const char* name_attr = "";
  const char* classname = "";
  const char* class_attr = "";
  const char* file = "";
  const char* time_attr = "";
  const char* line_attr = "";
  const char* status = "";
  const char* result = "";
  for (pugi::xml_attribute attribute = node.first_attribute(); attribute;
       attribute = attribute.next_attribute()) {
    const char* key = attribute.name();
    const char* value = attribute.value();
    switch (key[0]) {
    case 'n':
      name_attr = is(key, "name") ? value : name_attr;
      break;
    case 'c':
      classname = is(key, "classname") ? value : classname;
      class_attr = is(key, "class") ? value : class_attr;
      break;
    case 'f':
      file = is(key, "file") ? value : file;
      break;
    case 't':
      time_attr = is(key, "time") ? value : time_attr;
      break;
    case 'l':
      line_attr = is(key, "line") ? value : line_attr;
      break;
    case 's':
      status = is(key, "status") ? value : status;
      break;
    case 'r':
      result = is(key, "result") ? value : result;
      break;
    default:
      break;
    }
  }

  TestCase test;
  const std::string_view name = name_attr;
  test.name = NameRef{static_cast<std::uint32_t>(m_report.names.size()),
                      static_cast<std::uint32_t>(name.size())};
  m_report.names += name;
  test.classname = intern_repeated(*classname != '\0' ? classname : class_attr, m_last_classname);
  test.suite = suite;
  test.file = *file != '\0' ? intern_repeated(file, m_last_file) : suite_file;

  Result<double> time = time_value(node, time_attr);
  if (!time) {
    return time.error();
  }
  test.time_seconds = time.value();

  const std::string_view line_text = trim(line_attr);
  if (!line_text.empty()) {
    const std::optional<std::int64_t> line = parse_integer(line_text);
    if (!line || *line < 0 || *line > INT32_MAX) {
      return error_at(node, "<testcase> attribute line=\"" + truncate_utf8(line_text, 40, "…") +
                                "\" is not a line number");
    }
    const std::int64_t one_based = rules.zero_based_lines ? *line + 1 : *line;
    test.line = static_cast<std::uint32_t>(one_based);
  }

  pugi::xml_node failure;
  pugi::xml_node error;
  pugi::xml_node skipped;
  pugi::xml_node flaky;
  pugi::xml_node properties;
  std::uint16_t reruns = 0;
  std::uint16_t flaky_runs = 0;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) {
      continue;
    }
    if (child.first_child() && child.first_child().first_child()) {
      Status shallow = check_nesting(child, depth + 1);
      if (!shallow) {
        return shallow;
      }
    }
    const char* element = child.name();
    if (is(element, "failure")) {
      failure = failure ? failure : child;
    } else if (is(element, "error")) {
      error = error ? error : child;
    } else if (is(element, "skipped")) {
      skipped = child;
    } else if (is(element, "flakyFailure") || is(element, "flakyError")) {
      flaky = flaky ? flaky : child;
      flaky_runs = flaky_runs < UINT16_MAX ? flaky_runs + 1 : flaky_runs;
    } else if (is(element, "rerunFailure") || is(element, "rerunError")) {
      reruns = reruns < UINT16_MAX ? reruns + 1 : reruns;
    } else if (is(element, "properties")) {
      properties = child;
    }
  }

  pugi::xml_node reason;
  // node's test runner: a failing todo test is still only a todo.
  const bool todo = skipped && std::string_view(skipped.attribute("type").value()) == "todo";
  if (rules.ctest && skipped && ctest_could_not_run(status, skipped)) {
    test.outcome = Outcome::error;
    reason = skipped;
  } else if (todo) {
    test.outcome = Outcome::skipped;
    reason = skipped;
  } else if (error) {
    test.outcome = Outcome::error;
    reason = error;
    test.failed_attempts = reruns;
  } else if (failure) {
    test.outcome = Outcome::failed;
    reason = failure;
    test.failed_attempts = reruns;
  } else if (skipped) {
    // pytest before 5.x wrote a non-strict XPASS as a skip with this message;
    // it passed, and pytest itself counts it as a pass.
    const bool xpass = std::string_view(skipped.attribute("message").value()) ==
                       "xfail-marked test passes unexpectedly";
    test.outcome = xpass ? Outcome::passed : Outcome::skipped;
    reason = xpass ? pugi::xml_node() : skipped;
  } else if (status_means_skipped(status) || status_means_skipped(result)) {
    test.outcome = Outcome::skipped;
  } else if (status_means_failed(status) || status_means_failed(result)) {
    test.outcome = Outcome::failed;
  } else if (flaky) {
    test.outcome = Outcome::flaky;
    reason = flaky;
    test.failed_attempts = flaky_runs;
  }

  if (reason || properties) {
    CaseDetail detail;
    if (reason) {
      detail.message = truncate_utf8(reason.attribute("message").value(), k_max_message_bytes, "…");
      detail.type = truncate_utf8(reason.attribute("type").value(), 256, "…");
      // Only failures' traces are ever shown; skip and flaky texts would only
      // cost memory (pytest writes one for every skip).
      const bool failing = test.outcome == Outcome::failed || test.outcome == Outcome::error;
      detail.text = failing ? failure_text(reason) : std::string();
      if (detail.message.empty()) {
        const std::string text = failing ? detail.text : failure_text(reason);
        detail.message = truncate_utf8(first_line(text), k_max_message_bytes, "…");
      }
      if (test.file == 0 && test.outcome != Outcome::skipped) {
        if (const auto location = location_in_trace(detail.text)) {
          test.file = intern(location->first);
          test.line = location->second;
        }
      }
    }
    for (pugi::xml_node property : properties.children("property")) {
      const char* value = property.attribute("value").value();
      detail.properties.emplace_back(property.attribute("name").value(),
                                     *value != '\0' ? std::string(value) : element_text(property));
    }
    test.detail = static_cast<std::uint32_t>(m_report.details.size());
    m_report.details.push_back(std::move(detail));
  }
  m_report.time_seconds += test.time_seconds;
  m_report.cases.push_back(std::move(test));
  return Done{};
}

std::string detect_dialect(pugi::xml_node root) {
  const std::string_view root_name = root.attribute("name").value();
  const pugi::xml_node first_suite = is(root.name(), "testsuite") ? root : root.child("testsuite");
  const std::string_view suite_name = first_suite.attribute("name").value();
  if (suite_name == "pytest" || root_name == "pytest") {
    return "pytest";
  }
  // pytest with -o junit_suite_name=...: its suite keeps hostname and
  // timestamp, and xunit1 cases carry file="*.py" with a (0-based) line.
  const pugi::xml_node first_test = first_suite.child("testcase");
  const std::string_view test_file = first_test.attribute("file").value();
  if (first_suite.attribute("hostname") && first_suite.attribute("timestamp") &&
      first_test.attribute("line") && test_file.size() > 3 &&
      test_file.substr(test_file.size() - 3) == ".py") {
    return "pytest";
  }
  if (root_name == "AllTests" && root.attribute("disabled")) {
    return "gtest";
  }
  if (root_name == "jest tests") {
    return "jest";
  }
  if (root_name == "Mocha Tests") {
    return "mocha";
  }
  const pugi::xml_node first_case =
      root.find_node([](pugi::xml_node node) { return is(node.name(), "testcase"); });
  if (is(root.name(), "testsuite") && root.attribute("disabled") &&
      first_case.attribute("status")) {
    return "ctest";
  }
  const std::string_view schema = first_suite.attribute("xsi:noNamespaceSchemaLocation").value();
  if (schema.find("surefire") != std::string_view::npos) {
    return "surefire";
  }
  return "junit";
}

void warn_on_declared_mismatch(Report& report) {
  OutcomeCounts counts;
  for (const TestCase& test : report.cases) {
    counts.add(test.outcome);
  }
  const std::optional<TotalMismatch> mismatch = compare_totals({
      {"tests", report.declared.tests, counts.tests},
      {"failures", report.declared.failures, counts.failures},
      {"errors", report.declared.errors, counts.errors},
      {"skipped", report.declared.skipped, counts.skipped},
  });
  if (mismatch) {
    report.warnings.push_back("the suites declare " + mismatch->declared +
                              " but the <testcase> elements give " + mismatch->counted +
                              " (gatekit counts the test cases)");
  }
}

void add_declared(DeclaredTotals& sum, const DeclaredTotals& part) {
  gatekit::add_declared(sum.tests, part.tests);
  gatekit::add_declared(sum.failures, part.failures);
  gatekit::add_declared(sum.errors, part.errors);
  gatekit::add_declared(sum.skipped, part.skipped);
}

} // namespace

Result<Report> parse_junit(std::string bytes, const std::string& source) {
  Report report;
  report.source = source;

  pugi::xml_document document;
  Result<pugi::xml_node> loaded = xml::load_document(
      document, bytes, source, xml::DocumentKind{"the test run wrote no report"});
  if (!loaded) {
    return loaded.error();
  }
  pugi::xml_node root = loaded.value();
  ReportBuilder builder(report);
  // A typical <testcase> takes 100-300 bytes; reserving avoids regrowing.
  report.cases.reserve(bytes.size() / 256);
  report.names.reserve(bytes.size() / 16);
  const std::string_view root_name = root.name();
  if (root_name != "testsuites" && root_name != "testsuite") {
    if (const char* format = foreign_format(root_name)) {
      return builder.error_at(root, std::string("this is ") + format +
                                        ", not JUnit XML; convert it to JUnit XML first");
    }
    return builder.error_at(root,
                            "expected <testsuites> or <testsuite> as the root element, got <" +
                                truncate_utf8(root_name, 60, "…") + ">");
  }

  report.dialect = detect_dialect(root);
  DialectRules rules;
  rules.zero_based_lines = report.dialect == "pytest";
  rules.ctest = report.dialect == "ctest";

  Result<DeclaredTotals> root_totals = builder.suite_totals(root);
  if (!root_totals) {
    return root_totals.error();
  }
  const bool root_is_suite = root_name == "testsuite";
  if (root_is_suite || root_totals.value().tests) {
    report.declared = root_totals.value();
  }
  const bool sum_top_level = !root_is_suite && !root_totals.value().tests;

  // An explicit stack rather than recursion: hostile input may nest suites
  // arbitrarily deep. Each top-level suite is removed from the document once
  // walked: pugixml then frees its pages, so the DOM shrinks while the records
  // grow and peak memory stays near buffer + DOM.
  struct Level {
    pugi::xml_node next;
    StringId suite;
    StringId file;
    bool top_level;
    pugi::xml_node element;
  };
  std::vector<Level> stack;
  const StringId root_suite = root_is_suite ? builder.intern(root.attribute("name").value()) : 0;
  const StringId root_file = builder.intern(root.attribute("file").value());
  report.suite_count = root_is_suite ? 1 : 0;
  stack.push_back({root.first_child(), root_suite, root_file, true, root});
  while (!stack.empty()) {
    Level& level = stack.back();
    const pugi::xml_node node = level.next;
    if (!node) {
      const pugi::xml_node finished = level.element;
      stack.pop_back();
      if (stack.size() == 1) {
        root.remove_child(finished);
      }
      continue;
    }
    level.next = node.next_sibling();
    if (node.type() != pugi::node_element) {
      continue;
    }
    const char* name = node.name();
    const int depth = static_cast<int>(stack.size());
    if (is(name, "testcase")) {
      Status added = builder.add_case(node, level.suite, level.file, rules, depth);
      if (!added) {
        return added.error();
      }
    } else if (is(name, "testsuite")) {
      if (depth >= k_max_depth) {
        return builder.error_at(node, ReportBuilder::nesting_message());
      }
      Result<DeclaredTotals> totals = builder.suite_totals(node);
      if (!totals) {
        return totals.error();
      }
      if (sum_top_level && level.top_level) {
        add_declared(report.declared, totals.value());
      }
      const char* file = node.attribute("file").value();
      const StringId suite_file = *file != '\0' ? builder.intern(file) : level.file;
      const StringId suite_name = builder.intern(node.attribute("name").value());
      ++report.suite_count;
      stack.push_back({node.first_child(), suite_name, suite_file, false, node});
    } else if (node.first_child() && node.first_child().first_child()) {
      Status shallow = builder.check_nesting(node, depth);
      if (!shallow) {
        return shallow.error();
      }
    }
  }
  warn_on_declared_mismatch(report);
  return report;
}

} // namespace gatekit::junit
