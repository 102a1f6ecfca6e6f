
#include <gatekit/common/regex.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/health/evaluate.hpp>

#include <nlohmann/json.hpp>

namespace gatekit::health {
namespace {

using nlohmann::json;

// A short, single-line excerpt of a body for messages.
std::string excerpt(std::string_view body) {
  return truncate_utf8(single_line(body), 80, "...");
}

bool json_contains(const json& actual, const json& expected) {
  if (actual.is_string() && expected.is_string()) {
    return actual.get<std::string>().find(expected.get<std::string>()) != std::string::npos;
  }
  if (actual.is_array()) {
    for (const json& element : actual) {
      if (element == expected) {
        return true;
      }
    }
    return false;
  }
  if (actual.is_object() && expected.is_string()) {
    return actual.contains(expected.get<std::string>());
  }
  return false;
}

// The first unmet JSON expectation, or "" when all hold.
std::string check_json(const std::vector<JsonExpectation>& expectations, const std::string& body) {
  if (json_nests_deeper_than(body, k_max_json_depth)) {
    return "the body nests deeper than " + std::to_string(k_max_json_depth) + " levels";
  }
  const json document = json::parse(body, nullptr, false);
  if (document.is_discarded()) {
    return "body is not valid JSON: \"" + excerpt(body) + "\"";
  }
  for (const JsonExpectation& expectation : expectations) {
    const json expected = json::parse(expectation.value_json);
    const bool equals = expectation.op == JsonExpectation::Operator::equals;
    const std::string wanted = expectation.pointer + (equals ? " == " : " contains ") +
                               truncate_utf8(expected.dump(), 60, "...");
    json::json_pointer pointer;
    try {
      pointer = json::json_pointer(expectation.pointer);
    } catch (const json::exception&) {
      return "\"" + expectation.pointer + "\" is not a JSON pointer";
    }
    // contains() itself throws on an array index too large to be one.
    const json* found = nullptr;
    try {
      if (document.contains(pointer)) {
        found = &document.at(pointer);
      }
    } catch (const json::exception&) {
      found = nullptr;
    }
    if (found == nullptr) {
      return "expected " + wanted + ", but the body has no " + expectation.pointer;
    }
    const json& actual = *found;
    const bool holds = equals ? actual == expected : json_contains(actual, expected);
    if (!holds) {
      return "expected " + wanted + ", got " +
             truncate_utf8(actual.dump(-1, ' ', false, json::error_handler_t::replace), 60, "...");
    }
  }
  return "";
}

} // namespace

bool json_nests_deeper_than(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i; // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) {
        return true;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

Status validate_regex(const std::string& pattern) {
  const Result<ExtendedRegex> regex = ExtendedRegex::compile(pattern);
  if (!regex) {
    return regex.error();
  }
  return Done{};
}

Attempt evaluate_http(const HttpExpectations& expect, const HttpResponse& response) {
  Attempt attempt;
  if (!response.transferred) {
    attempt.detail = response.transport_error;
    return attempt;
  }
  attempt.latency_seconds = response.total_seconds;
  attempt.measurements = {{"status", static_cast<double>(response.status)},
                          {"response_seconds", response.total_seconds}};
  const std::string timing =
      std::to_string(response.status) + " in " + format_duration(response.total_seconds);
  if (!status_in(expect.statuses, response.status)) {
    attempt.detail = "status " + std::to_string(response.status) + ", expected " +
                     format_status_set(expect.statuses);
    if (!response.body.empty()) {
      attempt.detail += ": \"" + excerpt(response.body) + "\"";
    }
    return attempt;
  }
  if (expect.max_response_seconds && response.total_seconds > *expect.max_response_seconds) {
    attempt.detail =
        timing + ", slower than the " + format_duration(*expect.max_response_seconds) + " allowed";
    return attempt;
  }
  if (!expect.body_contains.empty() &&
      response.body.find(expect.body_contains) == std::string::npos) {
    attempt.detail = timing + ", but the body lacks \"" + excerpt(expect.body_contains) + "\"";
    return attempt;
  }
  if (!expect.body_regex.empty()) {
    const Result<ExtendedRegex> regex = ExtendedRegex::compile(expect.body_regex);
    if (!regex || !regex.value().search(response.body)) {
      attempt.detail =
          timing + ", but the body does not match /" + excerpt(expect.body_regex) + "/";
      return attempt;
    }
  }
  if (!expect.json.empty()) {
    if (response.body_truncated) {
      attempt.detail = timing + ", but the body is too large to check as JSON";
      return attempt;
    }
    if (std::string unmet = check_json(expect.json, response.body); !unmet.empty()) {
      attempt.detail = timing + "; " + unmet;
      return attempt;
    }
  }
  attempt.ok = true;
  attempt.detail = timing;
  if (response.redirects > 0) {
    attempt.detail += " after " + std::to_string(response.redirects) + " redirect(s)";
  }
  return attempt;
}

std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (secret.empty()) {
      continue;
    }
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
      text.replace(at, secret.size(), "***");
    }
  }
  // Excerpts are cut to a length and marked "..."; a secret cut there is only
  // a prefix of itself, which the search above cannot see. Whatever precedes
  // a cut and begins a secret goes too.
  static constexpr std::string_view k_cut = "...";
  for (size_t cut = text.find(k_cut); cut != std::string::npos; cut = text.find(k_cut, cut + 3)) {
    size_t longest = 0;
    for (const std::string& secret : secrets) {
      for (size_t length = std::min(secret.size(), cut); length > longest; --length) {
        if (text.compare(cut - length, length, secret, 0, length) == 0) {
          longest = length;
          break;
        }
      }
    }
    if (longest > 0) {
      text.replace(cut - longest, longest, "***");
      cut = cut - longest + 3;
    }
  }
  return text;
}

} // namespace gatekit::health
