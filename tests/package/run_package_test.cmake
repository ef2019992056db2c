# cmake -DBUILD_DIR=… -DSOURCE_DIR=tests/package -DWORK_DIR=… [-DCONFIG=Release] -P run_package_test.cmake
# Installs BUILD_DIR into WORK_DIR/prefix, configures and builds the consumer against it with
# find_package(zkmsm REQUIRED), and runs both consumer programs.
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "${var} is required")
  endif()
endforeach()
if(NOT CONFIG)
  set(CONFIG Release)
endif()
file(REMOVE_RECURSE ${WORK_DIR})

function(step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "package test: ${name} failed (${rc})\n${out}\n${err}")
  endif()
  message(STATUS "package test: ${name} ok")
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

step("install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix --config ${CONFIG})
foreach(file include/zkmsm/msm.hpp include/zkmsm/c_api.h)
  if(NOT EXISTS ${WORK_DIR}/prefix/${file})
    message(FATAL_ERROR "package test: ${file} was not installed")
  endif()
endforeach()
# Only the installed prefix is searched: the build tree must not leak into the consumer.
step("configure consumer" ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -DCMAKE_BUILD_TYPE=${CONFIG}
     -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON)
step("build consumer" ${CMAKE_COMMAND} --build ${WORK_DIR}/build --config ${CONFIG})
step("run consumer_cpp" ${WORK_DIR}/build/consumer_cpp)
message(STATUS "${step_output}")
step("run consumer_c" ${WORK_DIR}/build/consumer_c)
message(STATUS "${step_output}")
