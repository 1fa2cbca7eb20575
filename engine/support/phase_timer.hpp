// Time spent per phase of a run (check --profile). Cheap when off: a timer
// on a null PhaseTimes reads no clock.
#pragma once
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>

namespace wfof {

enum class Phase : std::size_t { startup, plan, read, structure, digest, prefilter, evaluate, render, write, count };

inline const char* to_string(Phase p) {
  static const char* names[] = {"start-up: load rules, compile patterns", "start-up: plan (prefilters; per thread)",
                                "read + normalise", "structure (sections, units)", "digest (sha256)",
                                "prefilter pass (see below)", "rule evaluation", "writing: render entries",
                                "writing: report files"};
  return names[static_cast<std::size_t>(p)];
}

// Nanoseconds per phase, summed over threads.
class PhaseTimes {
 public:
  void add(Phase p, std::int64_t ns) { ns_[static_cast<std::size_t>(p)].fetch_add(ns, std::memory_order_relaxed); }
  double seconds(Phase p) const { return ns_[static_cast<std::size_t>(p)].load() / 1e9; }

 private:
  std::array<std::atomic<std::int64_t>, static_cast<std::size_t>(Phase::count)> ns_{};
};

inline std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Adds the time from construction to destruction (or stop()) to phase `p`.
class PhaseTimer {
 public:
  PhaseTimer(PhaseTimes* times, Phase p) : times_(times), phase_(p), start_(times ? now_ns() : 0) {}
  ~PhaseTimer() { stop(); }
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;
  // Stops the clock; returns the nanoseconds added (0 when off).
  std::int64_t stop() {
    if (!times_) return 0;
    std::int64_t ns = now_ns() - start_;
    times_->add(phase_, ns);
    times_ = nullptr;
    return ns;
  }

 private:
  PhaseTimes* times_;
  Phase phase_;
  std::int64_t start_;
};

}  // namespace wfof
