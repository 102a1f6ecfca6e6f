#pragma once

#include <string>
#include <string_view>

namespace gatekit::github {

// Escapes the message part of a workflow command ("::error ...::MESSAGE"):
// '%' -> %25, CR -> %0D, LF -> %0A, as GitHub's toolkit does, so text from a
// report can never end the command line and start a new one.
std::string escape_command_data(std::string_view text);

// Escapes a workflow command property value (file=, title=): as the data,
// plus ':' -> %3A and ',' -> %2C.
std::string escape_command_property(std::string_view text);

// Escapes text for one line of GitHub-flavoured Markdown, including a table
// cell: HTML metacharacters become entities, Markdown punctuation is
// backslash-escaped, '|' cannot end a cell, line breaks become spaces, and
// bare URLs, e-mail addresses and @mentions are kept from becoming links.
std::string escape_markdown(std::string_view text);

// Escapes text for inside an HTML element of a Markdown document (e.g.
// <summary>), where Markdown backslash escapes are not processed: & < > " '
// become entities and line breaks spaces.
std::string escape_html(std::string_view text);

// `text` as a fenced code block whose fence is longer than any backtick run
// inside it, so the content cannot close the block.
std::string markdown_code_block(std::string_view text);

// A random token for "::stop-commands::TOKEN" and output delimiters.
std::string random_token();

} // namespace gatekit::github
