# Turns a text file into a C++ source that defines hc::ops::openapi_document().
file(READ ${INPUT} content)
set(delimiter "hc_embed")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#include <string_view>\n\nnamespace hc::ops {\n"
  "std::string_view openapi_document() {\n  static constexpr std::string_view kText = R\"${delimiter}(${content})${delimiter}\";\n"
  "  return kText;\n}\n}  // namespace hc::ops\n")
