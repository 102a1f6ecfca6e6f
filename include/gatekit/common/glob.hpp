#pragma once

#include <string_view>

namespace gatekit {

// How a glob treats '/': as a path separator that '*' and '?' do not cross
// (file patterns), or as an ordinary character (test ids such as "a/b::c").
enum class GlobMode { path, text };

// True if `text` matches the shell-style `pattern`: '*', '?', '[abc]', '[!a-z]',
// and in path mode '**' (any depth; "**/" also matches no directory at all).
// Runs in O(pattern * text) time whatever the input, so hostile test names
// cannot make it backtrack exponentially.
bool glob_match(std::string_view pattern, std::string_view text, GlobMode mode = GlobMode::path);

// True if `pattern` contains any glob metacharacter.
bool has_glob_chars(std::string_view pattern);

} // namespace gatekit
