#pragma once

#include <string>
#include <vector>

namespace gatekit::github {

// A GitHub-flavoured Markdown table. Header and cell text is escaped with
// escape_markdown unless the cell is marked trusted (gatekit's own markup).
struct MarkdownCell {
  std::string text;
  bool trusted = false;
};

// Builds "| a | b |\n| --- | --- |\n| ... |\n"; `right_aligned[i]` aligns
// column i to the right (numbers).
std::string markdown_table(const std::vector<std::string>& headers,
                           const std::vector<std::vector<MarkdownCell>>& rows,
                           const std::vector<bool>& right_aligned = {});

} // namespace gatekit::github
