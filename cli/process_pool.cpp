#include "cli/process_pool.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <stdexcept>
#include <vector>

namespace kafkasim::cli {

namespace {

struct Child {
    pid_t pid = -1;
    int fd = -1;
    std::size_t index = 0;
    std::string buffer;
};

// Writes all of `text` to `fd`, retrying short writes.
void write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

Child spawn(std::size_t index, const std::function<std::string(std::size_t)>& work) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    // Whatever the parent buffered must not be written twice.
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        ::close(fds[0]);
        int code = 0;
        try {
            write_all(fds[1], work(index));
        } catch (const std::exception& e) {
            std::cerr << "kafkasim: " << e.what() << "\n";
            code = 3;
        }
        ::close(fds[1]);
        std::cerr.flush();
        ::_exit(code);  // not exit(): the parent's atexit handlers and buffers are not the child's
    }
    ::close(fds[1]);
    return Child{pid, fds[0], index, {}};
}

ChildOutcome reap(Child& child) {
    ::close(child.fd);
    int status = 0;
    while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
    }
    ChildOutcome out;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) out.output = std::move(child.buffer);
    else if (WIFSIGNALED(status))
        out.death = "killed by signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
    else out.death = "exit " + std::to_string(WEXITSTATUS(status));
    return out;
}

}  // namespace

void run_in_children(std::size_t count, int jobs, const std::function<std::string(std::size_t)>& work,
                     const std::function<void(std::size_t, const ChildOutcome&)>& done) {
    std::vector<Child> running;
    std::map<std::size_t, ChildOutcome> finished;  // waiting for earlier items
    std::size_t next = 0;
    std::size_t reported = 0;
    while (reported < count) {
        while (next < count && static_cast<int>(running.size()) < std::max(1, jobs)) running.push_back(spawn(next++, work));
        std::vector<pollfd> fds;
        for (const Child& c : running) fds.push_back(pollfd{c.fd, POLLIN, 0});
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
        }
        for (std::size_t k = fds.size(); k-- > 0;) {
            if (fds[k].revents == 0) continue;
            Child& c = running[k];
            char chunk[65536];
            const ssize_t n = ::read(c.fd, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR) continue;
            if (n > 0) {
                c.buffer.append(chunk, static_cast<std::size_t>(n));
                continue;
            }
            finished.emplace(c.index, reap(c));
            running.erase(running.begin() + static_cast<std::ptrdiff_t>(k));
        }
        for (auto it = finished.find(reported); it != finished.end(); it = finished.find(reported)) {
            done(reported, it->second);
            finished.erase(it);
            ++reported;
        }
    }
}

}  // namespace kafkasim::cli
