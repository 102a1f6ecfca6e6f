# Consistency checks across actions, workflows, examples and docs (issue #7).
# Each is a Python script under consistency/ run by Debian's python3 (PyYAML);
# consistency.selftest proves every check can fail by mutating copies.
#
# health-check and flag-validate join automatically once their targets exist;
# until then their actions are checked for metadata only and workflow steps
# using them are noted, not checked (--pending-tool).

set(CONSISTENCY ${CMAKE_CURRENT_SOURCE_DIR}/consistency)
set(CONSISTENCY_BIN_DIR $<TARGET_FILE_DIR:junit-gate>)

set(CONSISTENCY_TOOLS junit-gate coverage-gate manifest-gen)
set(CONSISTENCY_PENDING)
foreach(tool health-check flag-validate)
  if(TARGET ${tool})
    list(APPEND CONSISTENCY_TOOLS ${tool})
  else()
    list(APPEND CONSISTENCY_PENDING --pending-tool ${tool})
  endif()
endforeach()

set(CONSISTENCY_REQUIRE)
set(CONSISTENCY_DOC_TOOLS)
foreach(tool IN LISTS CONSISTENCY_TOOLS)
  list(APPEND CONSISTENCY_REQUIRE --require-tool ${tool})
  list(APPEND CONSISTENCY_DOC_TOOLS --tool ${tool}=$<TARGET_FILE:${tool}>)
endforeach()

# Every actions/*/action.yml: valid YAML, the action contract, inputs == --help options.
add_test(NAME consistency.actions
         COMMAND ${GATEKIT_PYTHON} ${CONSISTENCY}/check_actions.py --bin-dir ${CONSISTENCY_BIN_DIR} ${CONSISTENCY_REQUIRE})
# Every workflow in .github/workflows/ and examples/workflows/: inputs, outputs, needs, pins.
add_test(NAME consistency.workflows
         COMMAND ${GATEKIT_PYTHON} ${CONSISTENCY}/check_workflows.py ${CONSISTENCY_PENDING})
# docs/<tool>.md names every option of the built tool's --help and every action output.
add_test(NAME consistency.docs
         COMMAND ${GATEKIT_PYTHON} ${CONSISTENCY}/check_docs.py ${CONSISTENCY_DOC_TOOLS})
# release.yml: v* tags, QEMU + Buildx, amd64 + arm64 to GHCR, SemVer tags, permissions.
add_test(NAME consistency.release_workflow
         COMMAND ${GATEKIT_PYTHON} ${CONSISTENCY}/check_release.py)
# CI's dogfood job gates with the thresholds and reports of scripts/dogfood.sh.
add_test(NAME consistency.dogfood
         COMMAND ${GATEKIT_PYTHON} ${CONSISTENCY}/check_dogfood.py)
# .github/scripts/pin-action-images.py on a copy of actions/.
add_test(NAME consistency.pin_action_images
         COMMAND ${GATEKIT_PYTHON} ${CONSISTENCY}/test_pin_action_images.py --bin-dir ${CONSISTENCY_BIN_DIR})

# The example workflows' flag-validate and health-check steps on their own
# files: the flags pass the policy, the health configs load with the step's env.
set(CONSISTENCY_SELFTEST_EXAMPLES)
if(TARGET health-check AND TARGET flag-validate)
  add_test(NAME consistency.example_configs
           COMMAND ${GATEKIT_PYTHON} ${CONSISTENCY}/check_example_configs.py
                   --tool health-check=$<TARGET_FILE:health-check> --tool flag-validate=$<TARGET_FILE:flag-validate>)
  set(CONSISTENCY_SELFTEST_EXAMPLES --examples)
endif()

# Every check above fails on the drift it exists to catch.
add_test(NAME consistency.selftest
         COMMAND ${GATEKIT_PYTHON} ${CONSISTENCY}/selftest_mutations.py --bin-dir ${CONSISTENCY_BIN_DIR}
                 ${CONSISTENCY_PENDING} ${CONSISTENCY_SELFTEST_EXAMPLES})
