#include <gatekit/common/numbers.hpp>
#include <gatekit/common/text.hpp>
#include <gatekit/coverage/diff.hpp>
#include <gatekit/coverage/paths.hpp>

#include <algorithm>
#include <optional>

namespace gatekit::coverage {
namespace {

// git's C-style quoting of unusual paths: "b/caf\303\251.py" -> b/café.py.
std::string unquote_c(std::string_view quoted) {
  std::string text;
  for (size_t i = 0; i < quoted.size(); ++i) {
    if (quoted[i] != '\\' || i + 1 >= quoted.size()) {
      text += quoted[i];
      continue;
    }
    const char next = quoted[++i];
    if (next >= '0' && next <= '7' && i + 2 < quoted.size()) {
      text += static_cast<char>(((next - '0') << 6) | ((quoted[i + 1] - '0') << 3) |
                                (quoted[i + 2] - '0'));
      i += 2;
    } else {
      text += next == 'n'   ? '\n'
              : next == 't' ? '\t'
              : next == 'r' ? '\r'
                            : next; // \" and \\ are themselves
    }
  }
  return text;
}

// The path of a "+++ b/src/x.py" line: C quotes decoded, "b/" and a trailing
// tab-separated timestamp (diff -u) dropped; "" for /dev/null.
std::string target_path(std::string_view value) {
  value = trim(value);
  std::string unquoted;
  if (value.size() >= 2 && value.front() == '"') {
    const size_t close = value.rfind('"');
    unquoted = unquote_c(value.substr(1, close - 1));
    value = unquoted;
  } else if (const size_t tab = value.find('\t'); tab != std::string_view::npos) {
    value = value.substr(0, tab);
  }
  if (value == "/dev/null") {
    return {};
  }
  if (value.substr(0, 2) == "b/") {
    value.remove_prefix(2);
  }
  return normalise_path(value);
}

// "@@ -a,b +c,d @@" -> (c, d); d defaults to 1.
std::optional<std::pair<std::uint32_t, std::uint32_t>> hunk_target(std::string_view header) {
  const size_t plus = header.find(" +");
  if (plus == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view range = header.substr(plus + 2);
  range = range.substr(0, range.find(' '));
  const size_t comma = range.find(',');
  const std::optional<std::uint64_t> start = parse_count(range.substr(0, comma));
  const std::optional<std::uint64_t> count = comma == std::string_view::npos
                                                 ? std::optional<std::uint64_t>(1)
                                                 : parse_count(range.substr(comma + 1));
  if (!start || !count || *start > UINT32_MAX || *count > UINT32_MAX) {
    return std::nullopt;
  }
  return std::make_pair(static_cast<std::uint32_t>(*start), static_cast<std::uint32_t>(*count));
}

} // namespace

Result<std::vector<ChangedFile>> parse_unified_diff(std::string_view text,
                                                    const std::string& source) {
  std::vector<ChangedFile> files;
  ChangedFile* current = nullptr;
  std::uint32_t next_line = 0; // new-file line number of the next hunk line
  std::uint32_t remaining = 0; // new-file lines left in the hunk
  std::uint32_t old_remaining = 0;
  int line_no = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    const bool in_hunk = remaining > 0 || old_remaining > 0;
    if (in_hunk && !line.empty() && (line[0] == '+' || line[0] == '-' || line[0] == ' ')) {
      if (line[0] == '+') {
        if (current != nullptr) {
          current->lines.push_back(next_line);
        }
        ++next_line;
        remaining = remaining > 0 ? remaining - 1 : 0;
      } else if (line[0] == '-') {
        old_remaining = old_remaining > 0 ? old_remaining - 1 : 0;
      } else {
        ++next_line;
        remaining = remaining > 0 ? remaining - 1 : 0;
        old_remaining = old_remaining > 0 ? old_remaining - 1 : 0;
      }
      continue;
    }
    if (in_hunk && line.empty()) {
      // Some tools strip the space of an empty context line.
      ++next_line;
      remaining = remaining > 0 ? remaining - 1 : 0;
      old_remaining = old_remaining > 0 ? old_remaining - 1 : 0;
      continue;
    }
    if (line.rfind("\\ ", 0) == 0) {
      continue; // "\ No newline at end of file"
    }
    remaining = 0;
    old_remaining = 0;
    if (line.rfind("diff --git ", 0) == 0) {
      current = nullptr;
    } else if (line.rfind("+++ ", 0) == 0) {
      const std::string path = target_path(line.substr(4));
      if (path.empty()) {
        current = nullptr; // a deleted file
      } else {
        files.push_back(ChangedFile{path, {}});
        current = &files.back();
      }
    } else if (line.rfind("@@ ", 0) == 0) {
      const auto target = hunk_target(line);
      const size_t minus = line.find(" -");
      if (!target || minus == std::string_view::npos) {
        return make_error(source, "malformed hunk header: '" + truncate_utf8(line, 80, "…") + "'",
                          line_no, 1);
      }
      std::string_view old_range = line.substr(minus + 2);
      old_range = old_range.substr(0, old_range.find(' '));
      const size_t comma = old_range.find(',');
      const std::optional<std::uint64_t> old_count = comma == std::string_view::npos
                                                         ? std::optional<std::uint64_t>(1)
                                                         : parse_count(old_range.substr(comma + 1));
      next_line = target->first;
      remaining = target->second;
      old_remaining =
          old_count ? static_cast<std::uint32_t>(std::min<std::uint64_t>(*old_count, UINT32_MAX))
                    : 0;
    }
    // Anything else (index, mode, rename and binary lines, commit messages) is passed over.
  }
  std::vector<ChangedFile> kept;
  for (ChangedFile& file : files) {
    std::sort(file.lines.begin(), file.lines.end());
    file.lines.erase(std::unique(file.lines.begin(), file.lines.end()), file.lines.end());
    const auto same = std::find_if(kept.begin(), kept.end(),
                                   [&file](const ChangedFile& k) { return k.path == file.path; });
    if (same != kept.end()) {
      same->lines.insert(same->lines.end(), file.lines.begin(), file.lines.end());
      std::sort(same->lines.begin(), same->lines.end());
      same->lines.erase(std::unique(same->lines.begin(), same->lines.end()), same->lines.end());
    } else {
      kept.push_back(std::move(file));
    }
  }
  return kept;
}

} // namespace gatekit::coverage
