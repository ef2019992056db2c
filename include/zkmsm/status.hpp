// Library errors: every fallible call returns a Status with a one-line message; no exceptions escape.
#pragma once
#include <string>
#include <utility>

namespace zkmsm {

enum class StatusCode { ok = 0, invalid_argument = 1, out_of_memory = 2, io_error = 3, unavailable = 4, internal = 5 };

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string m) { return {StatusCode::invalid_argument, std::move(m)}; }
  static Status OutOfMemory(std::string m) { return {StatusCode::out_of_memory, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::io_error, std::move(m)}; }
  static Status Unavailable(std::string m) { return {StatusCode::unavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::internal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::ok; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::ok;
  std::string message_;
};

}  // namespace zkmsm
