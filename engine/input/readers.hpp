// Inside the input stage: which optional libraries this build has. Each is
// defined in the reader's own file (html.cpp, pdf.cpp), which compiles to a
// stub when CMake did not find the library.
#pragma once
#include <string>

namespace wfof::input {
// "libxml2 2.9.14" / "Poppler 22.12.0"; empty when built without it.
std::string html_library();
std::string pdf_library();
}  // namespace wfof::input
