# The warning set every gatekit target builds with (after ccache's dev-mode set).
add_library(gatekit_warnings INTERFACE)
target_compile_options(gatekit_warnings INTERFACE
  -Wall -Wextra -Wpedantic
  -Wcast-align -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wdouble-promotion
  -Wformat=2 -Wimplicit-fallthrough -Wmissing-declarations)
if(GATEKIT_WERROR)
  target_compile_options(gatekit_warnings INTERFACE -Werror)
endif()
