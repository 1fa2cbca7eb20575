#include "commands.hpp"
#include "common.hpp"
namespace wfof::cli {
int cmd_config(int, char**, const char*) { return kOk; }
}
