# Shared compile settings for every CertDeck target. Applied per target, never globally.

function(certdeck_apply_settings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
    target_compile_definitions(${target} PRIVATE
        QT_NO_KEYWORDS QT_USE_QSTRINGBUILDER CERTDECK_VERSION="${PROJECT_VERSION}")
    if(CERTDECK_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()

# certdeck_add_library(name SOURCES ... PUBLIC_LIBS ... PRIVATE_LIBS ...)
function(certdeck_add_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
    certdeck_apply_settings(${name})
endfunction()

# certdeck_add_test(name LABEL unit|integration|gui SOURCES ... LIBS ... [TIMEOUT s])
# One Qt Test executable per class under test, registered with ctest and labelled.
function(certdeck_add_test name)
    cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE certdeck_testsupport Qt6::Test ${ARG_LIBS})
    certdeck_apply_settings(${name})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABEL}" TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;CERTDECK_BOT_BINARY=$<TARGET_FILE:certdeck-bot>;CERTDECK_BOT_POLICY=${CMAKE_BINARY_DIR}/tests/policy/bot-policy.conf")
endfunction()
