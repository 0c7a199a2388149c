# Warning flags every jumbe target gets through jumbe::warnings. -Werror only with JUMBE_WERROR,
# so a newer compiler's new warning never stops a newcomer's build; CI turns it on.
add_library(jumbe_warnings INTERFACE)
add_library(jumbe::warnings ALIAS jumbe_warnings)
target_compile_options(jumbe_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2)
if(JUMBE_WERROR)
  target_compile_options(jumbe_warnings INTERFACE -Werror)
endif()
