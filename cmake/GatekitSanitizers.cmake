# GATEKIT_SANITIZE builds everything with ASan + UBSan; any report aborts the test.
if(GATEKIT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# GATEKIT_FUZZ instruments everything for libFuzzer's coverage feedback; only
# the fuzz targets link libFuzzer's main (see fuzz/CMakeLists.txt).
if(GATEKIT_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
