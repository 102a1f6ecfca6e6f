#include <gatekit/github/escape.hpp>
#include <gatekit/github/markdown.hpp>

namespace gatekit::github {

std::string markdown_table(const std::vector<std::string>& headers,
                           const std::vector<std::vector<MarkdownCell>>& rows,
                           const std::vector<bool>& right_aligned) {
  std::string table = "|";
  for (const std::string& header : headers) {
    table += " " + escape_markdown(header) + " |";
  }
  table += "\n|";
  for (size_t i = 0; i < headers.size(); ++i) {
    const bool right = i < right_aligned.size() && right_aligned[i];
    table += right ? " ---: |" : " --- |";
  }
  table += "\n";
  for (const std::vector<MarkdownCell>& row : rows) {
    table += "|";
    for (const MarkdownCell& cell : row) {
      table += " " + (cell.trusted ? cell.text : escape_markdown(cell.text)) + " |";
    }
    table += "\n";
  }
  return table;
}

} // namespace gatekit::github
