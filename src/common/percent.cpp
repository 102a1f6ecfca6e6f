#include <gatekit/common/percent.hpp>
#include <gatekit/common/text.hpp>

#include <cmath>

namespace gatekit {
namespace {

// GCC and clang both provide 128-bit integers; counts times 10^8 can exceed 64 bits.
__extension__ typedef unsigned __int128 Wide;

std::uint64_t pow10(int exponent) {
  std::uint64_t value = 1;
  for (int i = 0; i < exponent; ++i) {
    value *= 10;
  }
  return value;
}

} // namespace

std::optional<Percent> parse_percent(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.back() == '%') {
    text.remove_suffix(1);
  }
  if (text.empty()) {
    return std::nullopt;
  }
  std::int64_t whole = 0;
  std::int64_t fraction = 0;
  int fraction_digits = 0;
  bool seen_dot = false;
  bool seen_digit = false;
  for (const char c : text) {
    if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (seen_dot) {
        if (++fraction_digits > 6) {
          return std::nullopt;
        }
        fraction = fraction * 10 + (c - '0');
      } else {
        whole = whole * 10 + (c - '0');
        if (whole > 100) {
          return std::nullopt;
        }
      }
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit) {
    return std::nullopt;
  }
  const std::int64_t micro =
      whole * 1'000'000 + fraction * static_cast<std::int64_t>(pow10(6 - fraction_digits));
  if (micro > 100'000'000) {
    return std::nullopt;
  }
  return Percent{micro};
}

bool ratio_meets(std::uint64_t numerator, std::uint64_t denominator, Percent threshold) {
  if (denominator == 0) {
    return false;
  }
  // numerator / denominator * 100 >= micro / 10^6  <=>  numerator * 10^8 >= micro * denominator
  const Wide lhs = static_cast<Wide>(numerator) * 100'000'000u;
  const Wide rhs = static_cast<Wide>(threshold.micro) * denominator;
  return lhs >= rhs;
}

std::string format_ratio_percent(std::uint64_t numerator, std::uint64_t denominator, int decimals) {
  if (denominator == 0) {
    return "n/a";
  }
  const std::uint64_t scale = pow10(decimals);
  const Wide scaled = static_cast<Wide>(numerator) * 100u * scale / denominator;
  const auto units = static_cast<std::uint64_t>(scaled);
  std::string text = std::to_string(units / scale);
  if (decimals > 0) {
    std::string fraction = std::to_string(units % scale);
    fraction.insert(0, static_cast<size_t>(decimals) - fraction.size(), '0');
    text += "." + fraction;
  }
  return text;
}

double ratio_percent_floor(std::uint64_t numerator, std::uint64_t denominator, int decimals) {
  if (denominator == 0) {
    return 0.0;
  }
  const std::uint64_t scale = pow10(decimals);
  const Wide scaled = static_cast<Wide>(numerator) * 100u * scale / denominator;
  return static_cast<double>(static_cast<std::uint64_t>(scaled)) / static_cast<double>(scale);
}

std::string format_percent(Percent value) {
  std::string text = std::to_string(value.micro / 1'000'000);
  std::int64_t fraction = value.micro % 1'000'000;
  if (fraction != 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, 6 - digits.size(), '0');
    while (!digits.empty() && digits.back() == '0') {
      digits.pop_back();
    }
    text += "." + digits;
  }
  return text;
}

} // namespace gatekit
