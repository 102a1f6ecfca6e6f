#include <gatekit/common/numbers.hpp>
#include <gatekit/manifest/semver.hpp>

namespace gatekit::manifest {
namespace {

bool is_identifier_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
}

bool all_digits(std::string_view text) {
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return !text.empty();
}

std::optional<std::uint64_t> numeric_part(std::string_view text) {
  if (!all_digits(text) || (text.size() > 1 && text.front() == '0')) {
    return std::nullopt;
  }
  return parse_count(text);
}

// Dot-separated identifiers; numeric ones must have no leading zero when `strict`.
std::optional<std::vector<std::string>> identifiers(std::string_view text, bool strict) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t dot = text.find('.', start);
    if (dot == std::string_view::npos) {
      dot = text.size();
    }
    const std::string_view part = text.substr(start, dot - start);
    if (part.empty()) {
      return std::nullopt;
    }
    for (const char c : part) {
      if (!is_identifier_char(c)) {
        return std::nullopt;
      }
    }
    if (strict && all_digits(part) && part.size() > 1 && part.front() == '0') {
      return std::nullopt;
    }
    parts.emplace_back(part);
    start = dot + 1;
  }
  return parts;
}

} // namespace

std::string SemVer::to_string() const {
  std::string text =
      std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  for (size_t i = 0; i < prerelease.size(); ++i) {
    text += (i == 0 ? "-" : ".") + prerelease[i];
  }
  if (!build.empty()) {
    text += "+" + build;
  }
  return text;
}

std::optional<SemVer> parse_semver(std::string_view text) {
  if (!text.empty() && text.front() == 'v') {
    text.remove_prefix(1);
  }
  SemVer version;
  const size_t plus = text.find('+');
  if (plus != std::string_view::npos) {
    const std::string_view build = text.substr(plus + 1);
    if (!identifiers(build, false)) {
      return std::nullopt;
    }
    version.build = std::string(build);
    text = text.substr(0, plus);
  }
  const size_t dash = text.find('-');
  if (dash != std::string_view::npos) {
    std::optional<std::vector<std::string>> pre = identifiers(text.substr(dash + 1), true);
    if (!pre) {
      return std::nullopt;
    }
    version.prerelease = std::move(*pre);
    text = text.substr(0, dash);
  }
  const size_t first = text.find('.');
  const size_t second = first == std::string_view::npos ? first : text.find('.', first + 1);
  if (second == std::string_view::npos || text.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  const auto major = numeric_part(text.substr(0, first));
  const auto minor = numeric_part(text.substr(first + 1, second - first - 1));
  const auto patch = numeric_part(text.substr(second + 1));
  if (!major || !minor || !patch) {
    return std::nullopt;
  }
  version.major = *major;
  version.minor = *minor;
  version.patch = *patch;
  return version;
}

int compare(const SemVer& a, const SemVer& b) {
  for (const auto& [x, y] :
       {std::pair{a.major, b.major}, std::pair{a.minor, b.minor}, std::pair{a.patch, b.patch}}) {
    if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  if (a.prerelease.empty() != b.prerelease.empty()) {
    return a.prerelease.empty() ? 1 : -1; // 1.0.0-rc.1 < 1.0.0
  }
  for (size_t i = 0; i < std::min(a.prerelease.size(), b.prerelease.size()); ++i) {
    const std::string& x = a.prerelease[i];
    const std::string& y = b.prerelease[i];
    const bool x_number = all_digits(x);
    const bool y_number = all_digits(y);
    if (x_number && y_number) {
      // SemVer forbids leading zeros, so a longer number is a larger one; this
      // also orders identifiers too big for any integer type.
      if (x.size() != y.size()) {
        return x.size() < y.size() ? -1 : 1;
      }
      if (x != y) {
        return x < y ? -1 : 1;
      }
    } else if (x_number != y_number) {
      return x_number ? -1 : 1;
    } else if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  if (a.prerelease.size() != b.prerelease.size()) {
    return a.prerelease.size() < b.prerelease.size() ? -1 : 1;
  }
  return 0;
}

} // namespace gatekit::manifest
