#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gatekit/common/process.hpp>
#include <gatekit/common/text.hpp>

#include <cerrno>
#include <cstring>

// POSIX process spawning, the only place gatekit starts a program (git, for
// coverage-gate's --diff-base). posix_spawn with no shell: arguments are never
// interpreted, so a branch name cannot inject a command.

extern char** environ;

namespace gatekit {
namespace {

std::string command_text(const std::vector<std::string>& argv) {
  return join(argv, " ");
}

} // namespace

Result<std::string> run_capture(const std::vector<std::string>& argv,
                                const std::string& directory) {
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    return Error{"cannot create a pipe: " + std::string(std::strerror(errno)), {}};
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  if (!directory.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, directory.c_str());
  }
  std::vector<char*> args;
  for (const std::string& arg : argv) {
    args.push_back(const_cast<char*>(arg.c_str())); // posix_spawn's signature; not modified
  }
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawned != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    return Error{"cannot run " + argv[0] + ": " + std::strerror(spawned), {}};
  }
  // Read both pipes until they close, so neither can fill up and block the child.
  std::string out;
  std::string err;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  char chunk[65536];
  while (open_fds > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      break;
    }
    for (pollfd& fd : fds) {
      if (fd.fd < 0 || (fd.revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
        continue;
      }
      const ssize_t got = ::read(fd.fd, chunk, sizeof(chunk));
      if (got > 0) {
        (fd.fd == out_pipe[0] ? out : err).append(chunk, static_cast<size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        ::close(fd.fd);
        fd.fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Error{
        "'" + command_text(argv) + "' failed: " + single_line(truncate_utf8(err, 400, "…")), {}};
  }
  return out;
}

} // namespace gatekit
