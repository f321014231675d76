#pragma once
// What a server process has used, read from /proc: CPU time so far, and its memory now and at its peak.
#include <sys/types.h>

namespace hc::bench {

struct ProcessUsage {
  double cpu_seconds = 0;   // user + system, since the process started
  double rss_mib = 0;       // resident memory now
  double peak_rss_mib = 0;  // the high-water mark of resident memory
};

//! The usage of a running process; throws std::runtime_error if it cannot be read.
ProcessUsage usage_of(pid_t pid);

//! The usage of a process and its children together (nginx's master and workers), peaks added up.
ProcessUsage usage_of_family(pid_t pid);

}  // namespace hc::bench
