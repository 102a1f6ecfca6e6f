#include <gatekit/common/numbers.hpp>
#include <gatekit/common/text.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace gatekit {

namespace {

// A whole number of type T filling all of `text` (surrounding blanks allowed).
template <typename T> std::optional<T> parse_whole(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.front() == '+') {
    return std::nullopt;
  }
  T value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

} // namespace

std::optional<std::uint64_t> parse_count(std::string_view text) {
  return parse_whole<std::uint64_t>(text);
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  return parse_whole<std::int64_t>(text);
}

std::optional<double> parse_seconds(std::string_view text) {
  text = trim(text);
  if (text.empty()) {
    return std::nullopt;
  }
  std::string normalised(text);
  const size_t comma_count =
      static_cast<size_t>(std::count(normalised.begin(), normalised.end(), ','));
  if (comma_count > 0) {
    const bool has_dot = normalised.find('.') != std::string::npos;
    const size_t comma = normalised.find(',');
    const bool thousands =
        has_dot || comma_count > 1 ||
        (normalised.size() - comma - 1 == 3 && normalised.substr(0, comma) != "0");
    if (thousands) {
      std::erase(normalised, ',');
    } else {
      normalised[comma] = '.';
    }
  }
  double value = 0;
  const char* first = normalised.data();
  const char* last = normalised.data() + normalised.size();
  const auto [end, ec] = std::from_chars(first, last, value);
  // A billion seconds (31 years) is no test's duration: a corrupt value.
  if (ec != std::errc() || end != last || !std::isfinite(value) || value < 0 || value > 1e9) {
    return std::nullopt;
  }
  return value;
}

} // namespace gatekit
