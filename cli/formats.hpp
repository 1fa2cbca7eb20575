// What `check` and `report` share about output formats: reading -f/-o in
// the order given, looking formats up in the writer registry, and the
// files of --report-dir.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common.hpp"
#include "writer.hpp"

namespace wfof::cli {

// The --format option's help line (the names), and for the usage text the
// list of registered formats, a line each.
std::string format_help();
std::string formats_list();

// The formats asked for, each with its output ("-": stdout), from the
// options in the order given: an --output belongs to the --format just
// before it, and `-f json=PATH` says both at once. An --output before any
// --format is for the default format (text). Returns a usage error.
std::optional<std::string> formats_in_order(const po::parsed_options& parsed, std::vector<std::string>& formats,
                                            std::vector<std::string>& outputs);

// Looks each format up (without regard to case) and sets it to its
// registered name; fills `writers` in parallel. Returns a usage error for
// an unknown one, with the nearest name.
std::optional<std::string> resolve_writers(std::vector<std::string>& formats, std::vector<const Writer*>& writers);

// ctx.timestamp and ctx.hostname: SOURCE_DATE_EPOCH and "localhost" when it
// is set (reproducible reports), else now and this host.
void set_report_time(ReportContext& ctx);

// Every report --report-dir DIR holds, as (path, content): each format
// with a report file, and each per-document report, named so that none
// overwrites another. Creates DIR; throws Error if it cannot.
void report_dir_files(const RunResult& run, const ReportContext& ctx, const std::string& dir,
                      std::vector<std::pair<std::string, std::string>>& out);

// Per-document report names in --report-dir for the documents at `paths`
// (every document of the run, in path order, those that could not be read
// too), each ending in `extension`: the file's stem, with as few folder
// names as tell it from another with that stem, and never the name of a
// run's report (README.md), compared without case.
std::vector<std::string> report_names(const std::vector<std::string>& paths, const std::string& extension);

}  // namespace wfof::cli
