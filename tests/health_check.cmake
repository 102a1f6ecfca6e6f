# health-check: unit sources and CTest registrations (issue #4).
target_sources(gatekit_unit_tests PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_health_config.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_health_evaluate.cpp)

set(HC $<TARGET_FILE:health-check>)
set(HEALTH_DATA ${CMAKE_CURRENT_SOURCE_DIR}/data/health)

# Config and usage errors: exit 2, located, and no report file left behind.
gatekit_e2e(health.config_syntax_error_located
  CHECK --exit 2 --stderr-has "bad_syntax.json:3:57: not valid JSON" --no-file "{tmp}/r.json"
  COMMAND ${HC} --config ${HEALTH_DATA}/bad_syntax.json --report-json {tmp}/r.json)
gatekit_e2e(health.config_unknown_field_has_json_path
  CHECK --exit 2 --stderr-has "unknown_field.json: /checks/1/expect_staus: unknown field" --no-file "{tmp}/r.json"
  COMMAND ${HC} --config ${HEALTH_DATA}/unknown_field.json --report-json {tmp}/r.json)
# A report path that cannot be written fails before any probing (a --wait
# of minutes would otherwise end in exit 2 and no verdict).
gatekit_e2e(health.unwritable_report_fails_first
  CHECK --exit 2 --stderr-has "is a directory" --stdout-lacks "health-check:"
  COMMAND ${HC} --tcp 127.0.0.1:1 --wait 30s --report-json {tmp})
gatekit_e2e(health.missing_config_file
  CHECK --exit 2 --stderr-has "nonexistent.json"
  COMMAND ${HC} --config ${HEALTH_DATA}/nonexistent.json)
gatekit_e2e(health.nothing_to_check
  CHECK --exit 2 --stderr-has "nothing to check"
  COMMAND ${HC})
gatekit_e2e(health.bad_status_set
  CHECK --exit 2 --stderr-has "--expect-status: \"2xxx\" is not a status set"
  COMMAND ${HC} --url http://127.0.0.1:1/ --expect-status 2xxx)
gatekit_e2e(health.polling_needs_both
  CHECK --exit 2 --stderr-has "--interval and --duration go together"
  COMMAND ${HC} --disk / --interval 5s)
# Checks of the machine itself need no server.
gatekit_e2e(health.machine_checks_pass
  CHECK --exit 0 --stdout-has "health-check: HEALTHY" --stdout-has "PASS  files unit/*.cpp"
        --file-has "{tmp}/h.prom=gatekit_health_healthy 1" --workdir ${CMAKE_CURRENT_SOURCE_DIR}
  COMMAND ${HC} --disk / --max-disk-used 100 --min-memory 1MiB --files "unit/*.cpp" --min-files 10
          --prom-file {tmp}/h.prom)
gatekit_e2e(health.too_few_files_fails
  CHECK --exit 1 --stdout-has "FAIL  files unit/*.cpp" --stdout-has "required"
        --file-has "{tmp}/r.json=\"passed\": false" --workdir ${CMAKE_CURRENT_SOURCE_DIR}
  COMMAND ${HC} --files "unit/*.cpp" --min-files 100000 --retries 0 --report-json {tmp}/r.json)
gatekit_e2e(health.hostile_names_cannot_inject
  CHECK --exit 1 --github --stdout-lacks "\n::error file=x::injected"
        --file-lacks "$GITHUB_STEP_SUMMARY=<img" --file-lacks "$GITHUB_STEP_SUMMARY=<script"
        --file-has "$GITHUB_OUTPUT=healthy<<ghadelimiter_" --stdout-has "::stop-commands::"
  COMMAND ${HC} --config ${HEALTH_DATA}/hostile_names.json)
add_test(NAME e2e.health.summary_renders_inert
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/e2e/summary_renders_inert.sh ${HC} --config ${HEALTH_DATA}/hostile_names.json)

# Against real servers on loopback, started and stopped by each scenario.
foreach(scenario fault deadlines ipv6 nginx prometheus secrets hostile_answers)
  add_test(NAME health.live.${scenario}
           COMMAND ${GATEKIT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/health/live_checks.py --bin ${HC} ${scenario})
  set_tests_properties(health.live.${scenario} PROPERTIES TIMEOUT 180 ENVIRONMENT PYTHONDONTWRITEBYTECODE=1)
endforeach()
add_test(NAME health.servers.selftest COMMAND ${GATEKIT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/servers/selftest.py)
set_tests_properties(health.servers.selftest PROPERTIES TIMEOUT 180 ENVIRONMENT PYTHONDONTWRITEBYTECODE=1)

add_test(NAME action.health-check.contract
         COMMAND ${RUN_ACTION} ${PROJECT_SOURCE_DIR}/actions/health-check/action.yml ${ACTION_ARGS} --contract-only)
add_test(NAME action.health-check.machine
         COMMAND ${RUN_ACTION} ${PROJECT_SOURCE_DIR}/actions/health-check/action.yml ${ACTION_ARGS}
                 --copy ${CMAKE_CURRENT_SOURCE_DIR}/unit=tests
                 --with disk=/ --with max-disk-used=100 --with "files=tests/*.cpp" --with min-files=5
                 --with report-json=out/health.json
                 --expect-exit 0 --expect-output healthy=true --expect-output failed=0
                 --expect-summary "health-check: healthy" --expect-file out/health.json)

# The fuzz corpus replayed without libFuzzer: found crashes stay fixed.
add_executable(health_inputs_replay ${PROJECT_SOURCE_DIR}/fuzz/health_inputs_fuzzer.cpp ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp)
target_link_libraries(health_inputs_replay PRIVATE gatekit::core)
add_test(NAME fuzz.health_inputs_replay COMMAND health_inputs_replay ${PROJECT_SOURCE_DIR}/fuzz/corpus/health_inputs)
