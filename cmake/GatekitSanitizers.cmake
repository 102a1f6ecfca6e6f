# GATEKIT_SANITIZE builds everything with ASan + UBSan; any report aborts the test.
if(GATEKIT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
