# flag-validate: unit sources and CTest registrations (issue #5).

target_sources(gatekit_unit_tests PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_flags_document.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_flags_hash.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_flags_parse.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_flags_rollout.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_flags_policy.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_flags_report.cpp
)
target_compile_definitions(gatekit_unit_tests PRIVATE GATEKIT_EXAMPLES_DIR="${PROJECT_SOURCE_DIR}/examples")

# End to end: the real binary (exit code, stdout, stderr, files written or not).
set(FV $<TARGET_FILE:flag-validate>)
set(FLAGS_DATA ${CMAKE_CURRENT_SOURCE_DIR}/data/flags)
set(FLAGS_EXAMPLES ${PROJECT_SOURCE_DIR}/examples/flags)
set(AT --at 2025-10-21T12:00:00Z)

gatekit_e2e(flags.seeds_file_passes
  CHECK --exit 0 --stdout-has "flag-validate: PASSED  0 error(s), 2 warning(s)" --stdout-has " 15 flag(s) in 1 file(s)"
        --stdout-has "progressive  0% (off, schedule 21.43%)  in_progress" --stdout-has "on     progressive  25% "
        --stdout-has "feature_flags.json:87:18: /flags/aatc_system_enabled/enabled: progressive rollout on a flag whose enabled is false"
  COMMAND ${FV} ${AT} ${FLAGS_EXAMPLES}/feature_flags.json)
gatekit_e2e(flags.validate_subcommand_and_yaml_twin
  CHECK --exit 0 --stdout-has "feature_flags.yaml (own format, YAML): 15 flag(s)"
  COMMAND ${FV} validate ${AT} ${FLAGS_EXAMPLES}/feature_flags.yaml)
gatekit_e2e(flags.strict_fails_on_warnings
  CHECK --exit 1 --stdout-has "FAILED  2 error(s), 0 warning(s)" --stdout-has "(an error under --strict)"
  COMMAND ${FV} ${AT} --strict ${FLAGS_EXAMPLES}/feature_flags.json)
gatekit_e2e(flags.production_policy_passes_with_workflow
  CHECK --exit 0 --stdout-has " policy production" --stdout-has "drift: 8 switch(es) compared"
        --stdout-has "naming no flag (not compared): PROMETHEUS_ENABLED, GRAFANA_ENABLED, ALERTMANAGER_ENABLED"
  COMMAND ${FV} ${AT} --policy ${FLAGS_EXAMPLES}/policy.yml --environment production
          --env-from-workflow ${FLAGS_EXAMPLES}/production-deploy.yml ${FLAGS_EXAMPLES}/feature_flags.json)
gatekit_e2e(flags.production_policy_catches_aatc_on
  CHECK --exit 1 --stdout-has "aatc_on.json:10:71: /flags/aatc_system_enabled/enabled: policy production: flag aatc_system_enabled must be off in production but is on"
  COMMAND ${FV} ${AT} --policy ${FLAGS_EXAMPLES}/policy.yml --environment production ${FLAGS_DATA}/own/aatc_on.json)
gatekit_e2e(flags.ci_workflow_drifts
  CHECK --exit 1 --stdout-has "ci.yml:15:23: /env/PHASE_4_DEPLOYMENT: PHASE_4_DEPLOYMENT is 'false' but flag phase_4_deployment is on"
  COMMAND ${FV} ${AT} --env-from-workflow ${FLAGS_EXAMPLES}/ci.yml ${FLAGS_EXAMPLES}/feature_flags.json)
gatekit_e2e(flags.process_environment_drifts
  CHECK --exit 1 --env FLAG_READ_ONLY_MODE=true
        --stdout-has "environment: FLAG_READ_ONLY_MODE is 'true' but flag read_only_mode is off"
  COMMAND ${FV} ${AT} --env-prefix FLAG_ ${FLAGS_EXAMPLES}/feature_flags.json)
gatekit_e2e(flags.wrong_type_fails_located
  CHECK --exit 1 --stdout-has "wrong_type.json:5:18: /flags/orchestration_enabled/enabled: expected a boolean (true or false), got the string \"true\""
  COMMAND ${FV} ${AT} ${FLAGS_DATA}/own/wrong_type.json)
gatekit_e2e(flags.duplicate_key_fails
  CHECK --exit 1 --stdout-has "duplicate_key.yaml:6:3: /flags/maintenance_mode: duplicate key (first written on line 2)"
  COMMAND ${FV} ${AT} ${FLAGS_DATA}/own/duplicate_key.yaml)
gatekit_e2e(flags.flagd_file_passes
  CHECK --exit 0 --stdout-has "flagd.json (flagd, JSON): 4 flag(s)"
  COMMAND ${FV} ${AT} ${FLAGS_EXAMPLES}/flagd.json)
gatekit_e2e(flags.flagd_fractional_errors
  CHECK --exit 1 --stdout-has "fractional.yaml:10:18: /flags/new-checkout/targeting/fractional/0/1: fractional weight -5 is not positive"
  COMMAND ${FV} ${AT} ${FLAGS_DATA}/flagd/fractional.yaml)
gatekit_e2e(flags.report_json_written
  CHECK --exit 0 --file-has "{tmp}/out/flags.json=\"tool\": \"flag-validate\""
        --file-has "{tmp}/out/flags.json=\"passed\": true" --file-has "{tmp}/summary.md=## ✅ flag-validate: passed"
  COMMAND ${FV} ${AT} --report-json {tmp}/out/flags.json --summary-markdown {tmp}/summary.md ${FLAGS_EXAMPLES}/feature_flags.json)
gatekit_e2e(flags.github_outputs_summary_annotations
  CHECK --exit 1 --github --file-has "$GITHUB_OUTPUT=valid<<ghadelimiter_" --file-has "$GITHUB_OUTPUT=errors<<"
        --file-has "$GITHUB_OUTPUT=flags<<" --file-has "$GITHUB_STEP_SUMMARY=## ❌ flag-validate: failed"
        --file-has "$GITHUB_STEP_SUMMARY=| phase\\_4\\_deployment |" --stdout-has "::stop-commands::"
        --stdout-has "::error file=${FLAGS_DATA}/own/milestones.json,line=10,col=20,title=flag-validate%3A milestone-outside-window::"
  COMMAND ${FV} ${AT} ${FLAGS_DATA}/own/milestones.json)
gatekit_e2e(flags.hostile_names_cannot_inject
  CHECK --exit 1 --github --stdout-lacks "\n::error file=x::injected" --stdout-lacks "\n::set-output"
        --stdout-lacks "\n::warning::percent"
        --file-has "$GITHUB_STEP_SUMMARY=onerror=alert\\(1\\)" --file-lacks "$GITHUB_STEP_SUMMARY=<img"
        --file-lacks "$GITHUB_STEP_SUMMARY=<script"
  COMMAND ${FV} ${AT} ${FLAGS_DATA}/bad/hostile_names.json)
add_test(NAME e2e.flags.summary_renders_inert
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/e2e/summary_renders_inert.sh ${FV} ${FLAGS_DATA}/bad/hostile_names.json)

# Bad input: exit 2, one located line, no output file.
gatekit_e2e(flags.malformed_json
  CHECK --exit 2 --stderr-has "flag-validate: ${FLAGS_DATA}/bad/malformed.json:5:5: not valid JSON: syntax error while parsing object key"
        --no-file "{tmp}/out.json"
  COMMAND ${FV} --report-json {tmp}/out.json ${FLAGS_DATA}/bad/malformed.json)
gatekit_e2e(flags.malformed_yaml
  CHECK --exit 2 --stderr-has "malformed.yaml:4:8: not valid YAML: end of sequence flow not found" --no-file "{tmp}/out.json"
  COMMAND ${FV} --report-json {tmp}/out.json ${FLAGS_EXAMPLES}/feature_flags.json ${FLAGS_DATA}/bad/malformed.yaml)
gatekit_e2e(flags.missing_file
  CHECK --exit 2 --stderr-has "flag-validate: {tmp}/nope.json: no such file" --no-file "{tmp}/out.json"
  COMMAND ${FV} --report-json {tmp}/out.json {tmp}/nope.json)
gatekit_e2e(flags.not_a_flag_file
  CHECK --exit 2 --stderr-has "no_flags.json:1:1: expected an object with a \"flags\" object"
  COMMAND ${FV} ${FLAGS_DATA}/bad/no_flags.json)
gatekit_e2e(flags.bad_policy
  CHECK --exit 2 --stderr-has "bad_policy.yml:3:18: /environments/production/must_be_off: expected an array of flag names"
  COMMAND ${FV} --policy ${FLAGS_DATA}/policy/bad_policy.yml ${FLAGS_EXAMPLES}/feature_flags.json)
gatekit_e2e(flags.unknown_environment
  CHECK --exit 2 --stderr-has "no environment \"prod\" in the policy (it has production, staging)"
  COMMAND ${FV} --policy ${FLAGS_EXAMPLES}/policy.yml --environment prod ${FLAGS_EXAMPLES}/feature_flags.json)
gatekit_e2e(flags.bad_at
  CHECK --exit 2 --stderr-has "--at: '2025-10-21' is not an RFC 3339 date-time"
  COMMAND ${FV} --at 2025-10-21 ${FLAGS_EXAMPLES}/feature_flags.json)
gatekit_e2e(flags.no_files
  CHECK --exit 2 --stderr-has "no flag file given"
  COMMAND ${FV} --strict)
gatekit_e2e(flags.unknown_option
  CHECK --exit 2 --stderr-has "Try 'flag-validate --help'"
  COMMAND ${FV} --polcy x.yml ${FLAGS_EXAMPLES}/feature_flags.json)
gatekit_e2e(flags.blank_action_inputs_use_defaults
  CHECK --exit 0 --stdout-has "15 flag(s)"
  COMMAND ${FV} --environment= --policy= --strict= --at=2025-10-21T12:00:00Z --files=${FLAGS_EXAMPLES}/feature_flags.json)
gatekit_e2e(flags.help
  CHECK --exit 0 --stdout-has=--env-from-workflow --stdout-has "Exit status: 0 valid, 1 findings that fail, 2 usage or input error."
  COMMAND ${FV} --help)

# eval: phases and percentages at chosen instants, and per-user answers.
gatekit_e2e(flags.eval_before_the_windows
  CHECK --exit 0 --stdout-has "aatc_system_enabled                off    progressive  not_started  0%"
        --stdout-has "phase_4_deployment                 on     progressive  not_started  0%"
  COMMAND ${FV} eval ${FLAGS_EXAMPLES}/feature_flags.json --at 2025-10-17T00:00:00Z)
gatekit_e2e(flags.eval_during_the_windows
  CHECK --exit 0 --stdout-has "aatc_system_enabled                off    progressive  in_progress  0% (off, schedule 21.43%)  false  disabled"
        --stdout-has "phase_4_deployment                 on     progressive  in_progress  25%  "
        --stdout-has "  false  bucket 39.8909 vs 25%"
  COMMAND ${FV} eval ${FLAGS_EXAMPLES}/feature_flags.json --at 2025-10-21T12:00:00Z --user alice)
gatekit_e2e(flags.eval_json_after_the_windows
  CHECK --exit 0 --stdout-has "\"phase\": \"completed\"" --stdout-has "\"percentage\": 100.0"
  COMMAND ${FV} eval ${FLAGS_EXAMPLES}/feature_flags.json --at 2025-10-28T00:00:00Z --json)
gatekit_e2e(flags.eval_flagd_fractional
  CHECK --exit 0 --stdout-has "fractional-flag-shorthand  on     targeting  -      -           heads = \"heads\""
  COMMAND ${FV} eval ${AT} ${FLAGS_DATA}/flagd/rollout.json --user jon@company.com)
gatekit_e2e(flags.eval_notes_errors
  CHECK --exit 0 --stderr-has "flag-validate: note: ${FLAGS_DATA}/own/wrong_type.json has 1 error(s)"
  COMMAND ${FV} eval ${AT} ${FLAGS_DATA}/own/wrong_type.json)
gatekit_e2e(flags.eval_needs_one_file
  CHECK --exit 2 --stderr-has "eval needs one flag file"
  COMMAND ${FV} eval)

# diff: flag by flag; 0 unless --fail-on-change.
gatekit_e2e(flags.diff_lists_changes
  CHECK --exit 0 --stdout-has "changed  aatc_system_enabled" --stdout-has "enabled: false -> true"
        --stdout-has "removed  reward_learning_enabled"
  COMMAND ${FV} diff ${FLAGS_EXAMPLES}/feature_flags.json ${FLAGS_DATA}/own/aatc_on.json)
gatekit_e2e(flags.diff_fail_on_change
  CHECK --exit 1 --stdout-has "\"change\": \"changed\""
  COMMAND ${FV} diff --json --fail-on-change ${FLAGS_EXAMPLES}/feature_flags.json ${FLAGS_DATA}/own/aatc_on.json)
gatekit_e2e(flags.diff_twins_equal
  CHECK --exit 0 --stdout-has "0 flag(s) differ"
  COMMAND ${FV} diff --fail-on-change ${FLAGS_EXAMPLES}/feature_flags.json ${FLAGS_EXAMPLES}/feature_flags.yaml)

# A small hostile file stays within a modest memory budget (an address-space
# limit, so not under the sanitizers, which reserve terabytes of it).
if(NOT GATEKIT_SANITIZE)
  add_test(NAME e2e.flags.hostile_keys_stay_within_memory
           COMMAND ${GATEKIT_PYTHON} ${FLAGS_DATA}/hostile/memory_budget.py ${FV})
  set_tests_properties(e2e.flags.hostile_keys_stay_within_memory PROPERTIES
    PASS_REGULAR_EXPRESSION "within the memory budget")
endif()

# The own format's JSON Schema accepts the valid fixtures and rejects a wrong type.
add_test(NAME e2e.flags.schema_accepts_fixtures
         COMMAND ${GATEKIT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/validate_schema.py
                 ${PROJECT_SOURCE_DIR}/docs/schemas/feature-flags.schema.json
                 ${FLAGS_EXAMPLES}/feature_flags.json ${FLAGS_DATA}/own/aatc_on.json
                 ${FLAGS_DATA}/own/progressive_disabled.json ${FLAGS_DATA}/own/stale_percentage.json)
add_test(NAME e2e.flags.schema_rejects_wrong_type
         COMMAND ${GATEKIT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/validate_schema.py
                 ${PROJECT_SOURCE_DIR}/docs/schemas/feature-flags.schema.json ${FLAGS_DATA}/own/wrong_type.json)
# Exit 1 is expected; the test passes only on the schema's own complaint.
set_tests_properties(e2e.flags.schema_rejects_wrong_type PROPERTIES
  PASS_REGULAR_EXPRESSION "wrong_type.json: /flags/orchestration_enabled/enabled: 'true' is not of type 'boolean'")

# The action contract, and real runs through the harness.
add_test(NAME action.flag-validate.contract
         COMMAND ${RUN_ACTION} ${PROJECT_SOURCE_DIR}/actions/flag-validate/action.yml ${ACTION_ARGS} --contract-only)
add_test(NAME action.flag-validate.production_passes
         COMMAND ${RUN_ACTION} ${PROJECT_SOURCE_DIR}/actions/flag-validate/action.yml ${ACTION_ARGS}
                 --copy ${FLAGS_EXAMPLES}/feature_flags.json=config/feature_flags.json
                 --copy ${FLAGS_EXAMPLES}/policy.yml=config/flag-policy.yml
                 --copy ${FLAGS_EXAMPLES}/production-deploy.yml=.github/workflows/production-deploy.yml
                 --with files=config/feature_flags.json --with policy=config/flag-policy.yml
                 --with environment=production --with env-from-workflow=.github/workflows/production-deploy.yml
                 --with at=2025-10-21T12:00:00Z --with report-json=out/flags.json
                 --expect-exit 0 --expect-output valid=true --expect-output errors=0 --expect-output warnings=2
                 --expect-output flags=15 --expect-summary "## ✅ flag-validate: passed"
                 --expect-stdout "::warning file=config/feature_flags.json,line=87,col=18" --expect-file out/flags.json)
add_test(NAME action.flag-validate.aatc_on_fails
         COMMAND ${RUN_ACTION} ${PROJECT_SOURCE_DIR}/actions/flag-validate/action.yml ${ACTION_ARGS}
                 --copy ${FLAGS_DATA}/own/aatc_on.json=config/feature_flags.json
                 --copy ${FLAGS_EXAMPLES}/policy.yml=config/flag-policy.yml
                 --with files=config/feature_flags.json --with policy=config/flag-policy.yml
                 --with environment=production --with strict=true --with at=2025-10-21T12:00:00Z
                 --expect-exit 1 --expect-output valid=false --expect-output errors=1
                 --expect-stdout "::error file=config/feature_flags.json,line=10,col=71")
add_test(NAME action.flag-validate.bad_input
         COMMAND ${RUN_ACTION} ${PROJECT_SOURCE_DIR}/actions/flag-validate/action.yml ${ACTION_ARGS}
                 --with files=missing.json --expect-exit 2)

# The fuzz corpus replayed through the fuzz target: found crashes stay fixed.
add_executable(flags_parser_replay ${PROJECT_SOURCE_DIR}/fuzz/flags_parser_fuzzer.cpp ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp)
target_link_libraries(flags_parser_replay PRIVATE gatekit::core)
add_test(NAME fuzz.flags_parser_replay
         COMMAND flags_parser_replay ${PROJECT_SOURCE_DIR}/fuzz/corpus/flags ${FLAGS_DATA} ${FLAGS_EXAMPLES})

# manifest-gen embeds flag-validate's report as feature-flag evidence.
add_test(NAME e2e.flags.report_feeds_manifest_gen
         COMMAND /bin/sh -c "set -e; dir=$(mktemp -d); trap 'rm -rf $dir' EXIT; \
$0 --at 2025-10-21T12:00:00Z --report-json $dir/flags.json $1 > /dev/null; \
$2 --version 1.0.0 --flags-report $dir/flags.json --out $dir/m.json; \
grep -q '\"tool\": \"flag-validate\"' $dir/m.json && echo embedded-in-manifest"
                 ${FV} ${FLAGS_EXAMPLES}/feature_flags.json $<TARGET_FILE:manifest-gen>)
set_tests_properties(e2e.flags.report_feeds_manifest_gen PROPERTIES PASS_REGULAR_EXPRESSION "flags: passed \\(flag-validate\\).*embedded-in-manifest")
