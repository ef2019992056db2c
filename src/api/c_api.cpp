// The C API (include/zkmsm/c_api.h): a thin shell over zkmsm::Context. Every entry point catches all
// exceptions (std::bad_alloc → ZKMSM_OUT_OF_MEMORY, anything else → ZKMSM_INTERNAL).
#include "zkmsm/c_api.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "api/backend.hpp"
#include "io/formats.hpp"
#include "zkmsm/msm.hpp"

struct zkmsm_context {
  std::unique_ptr<zkmsm::Context> ctx;
  bool scalars_montgomery = false;  // the creation config's; a per-call config overrides it
};

namespace {

using zkmsm::Status;
using zkmsm::StatusCode;

zkmsm_status set_error(zkmsm_status code, const std::string& message, char* err, size_t err_len) {
  if (err && err_len) {
    const size_t len = std::min(message.size(), err_len - 1);
    std::memcpy(err, message.data(), len);
    err[len] = '\0';
  }
  return code;
}

zkmsm_status finish(const Status& s, char* err, size_t err_len) {
  if (s.ok()) return set_error(ZKMSM_OK, "", err, err_len);
  zkmsm_status code = ZKMSM_INTERNAL;
  switch (s.code()) {
    case StatusCode::ok: code = ZKMSM_OK; break;
    case StatusCode::invalid_argument: code = ZKMSM_INVALID_ARGUMENT; break;
    case StatusCode::out_of_memory: code = ZKMSM_OUT_OF_MEMORY; break;
    case StatusCode::io_error: code = ZKMSM_IO_ERROR; break;
    case StatusCode::unavailable: code = ZKMSM_UNAVAILABLE; break;
    case StatusCode::internal: code = ZKMSM_INTERNAL; break;
  }
  return set_error(code, s.message(), err, err_len);
}

// Runs f() (returning a Status) with no exception escaping.
template <class F>
zkmsm_status guarded(char* err, size_t err_len, F&& f) {
  try {
    return finish(f(), err, err_len);
  } catch (const std::bad_alloc&) {
    return set_error(ZKMSM_OUT_OF_MEMORY, "out of host memory", err, err_len);
  } catch (const std::exception& e) {
    return set_error(ZKMSM_INTERNAL, std::string("internal error: ") + e.what(), err, err_len);
  } catch (...) {
    return set_error(ZKMSM_INTERNAL, "internal error", err, err_len);
  }
}

Status to_config(const zkmsm_config* in, zkmsm::MsmConfig& out) {
  zkmsm_config c;
  zkmsm_config_default(&c);
  if (in) c = *in;
  switch (c.backend) {
    case ZKMSM_BACKEND_CPU: out.backend = zkmsm::Backend::cpu; break;
    case ZKMSM_BACKEND_CUDA: out.backend = zkmsm::Backend::cuda; break;
    case ZKMSM_BACKEND_AUTO: out.backend = zkmsm::Backend::automatic; break;
    default: return Status::InvalidArgument(fmt::format("config: unknown backend {}", c.backend));
  }
  out.c = c.c;
  out.window_passes = c.window_passes;
  out.memory_budget_bytes = c.memory_budget_bytes;
  out.threads = c.threads;
  return Status::Ok();
}

// The config of a call on `ctx` (not null): the context's, or `config` when given; and whether that
// call's scalars are in Montgomery form.
Status call_config(const zkmsm_context* ctx, const zkmsm_config* config, zkmsm::MsmConfig& cfg, bool& montgomery) {
  cfg = ctx->ctx->config();
  montgomery = config ? config->scalars_montgomery != 0 : ctx->scalars_montgomery;
  return config ? to_config(config, cfg) : Status::Ok();
}

void fill_plan(const zkmsm::Plan& p, zkmsm_plan_info* out) {
  out->n = p.n;
  out->c = p.c;
  out->windows = p.windows;
  out->window_passes = p.window_passes;
  out->peak_bytes = p.peak_bytes;
  out->context_bytes = p.context_bytes();
}

void copy_point(const zkmsm::AffinePoint& p, uint8_t* out) {
  std::memset(out, 0, 64);
  if (!p.infinity) {
    std::memcpy(out, p.x.data(), 32);
    std::memcpy(out + 32, p.y.data(), 32);
  }
}

}  // namespace

extern "C" {

void zkmsm_config_default(zkmsm_config* config) {
  if (!config) return;
  config->backend = ZKMSM_BACKEND_CPU;
  config->c = 0;
  config->window_passes = 0;
  config->memory_budget_bytes = 0;
  config->threads = 0;
  config->scalars_montgomery = 0;
}

const char* zkmsm_status_name(zkmsm_status status) {
  switch (status) {
    case ZKMSM_OK: return "ok";
    case ZKMSM_INVALID_ARGUMENT: return "invalid argument";
    case ZKMSM_OUT_OF_MEMORY: return "out of memory";
    case ZKMSM_IO_ERROR: return "I/O error";
    case ZKMSM_UNAVAILABLE: return "unavailable";
    case ZKMSM_INTERNAL: return "internal error";
  }
  return "unknown status";
}

const char* zkmsm_version(void) {
  static const std::string v = zkmsm::version();
  return v.c_str();
}

zkmsm_status zkmsm_context_create(const uint8_t* bases, uint64_t n, zkmsm_point_format format,
                                  const zkmsm_config* config, zkmsm_context** out, char* err, size_t err_len) {
  return guarded(err, err_len, [&]() -> Status {
    if (!out) return Status::InvalidArgument("out is NULL");
    *out = nullptr;
    if (n && !bases) return Status::InvalidArgument("bases is NULL");
    if (n > (uint64_t{1} << 40)) return Status::InvalidArgument(fmt::format("n = {} is too large", n));
    zkmsm::MsmConfig cfg;
    if (Status s = to_config(config, cfg); !s.ok()) return s;
    zkmsm::io::Format f;
    switch (format) {
      case ZKMSM_POINTS_RAW: f = zkmsm::io::Format::raw; break;
      case ZKMSM_POINTS_MONTGOMERY: f = zkmsm::io::Format::ptau; break;
      case ZKMSM_POINTS_BB: f = zkmsm::io::Format::bb; break;
      case ZKMSM_POINTS_ARKWORKS: f = zkmsm::io::Format::arkworks; break;
      case ZKMSM_POINTS_GNARK: f = zkmsm::io::Format::gnark; break;
      default: return Status::InvalidArgument(fmt::format("unknown point format {}", static_cast<int>(format)));
    }
    // Raw records go to the library as they are (it validates them); others are normalised first.
    std::vector<uint8_t> raw;
    const uint8_t* records = bases;
    if (f != zkmsm::io::Format::raw) {
      if (Status s = zkmsm::io::decode_point_records(f, bases, n, "bases", raw); !s.ok()) return s;
      records = raw.data();
    }
    auto handle = std::make_unique<zkmsm_context>();
    if (Status s = zkmsm::Context::create(records, n, cfg, handle->ctx); !s.ok()) return s;
    handle->scalars_montgomery = config && config->scalars_montgomery;
    *out = handle.release();
    return Status::Ok();
  });
}

void zkmsm_context_free(zkmsm_context* ctx) { delete ctx; }

uint64_t zkmsm_context_size(const zkmsm_context* ctx) { return ctx && ctx->ctx ? ctx->ctx->size() : 0; }

zkmsm_status zkmsm_msm(zkmsm_context* ctx, const uint8_t* scalars, uint64_t n, const zkmsm_config* config,
                       uint8_t* out_point, char* err, size_t err_len) {
  return zkmsm_msm_batch(ctx, scalars, n, 1, config, out_point, err, err_len);
}

zkmsm_status zkmsm_msm_device(zkmsm_context* ctx, const void* device_scalars, uint64_t n, const zkmsm_config* config,
                              uint8_t* out_point, char* err, size_t err_len) {
  return guarded(err, err_len, [&]() -> Status {
    if (!ctx || !ctx->ctx) return Status::InvalidArgument("context is NULL");
    if (!out_point) return Status::InvalidArgument("out_point is NULL");
    zkmsm::MsmConfig cfg;
    bool montgomery = false;
    if (Status s = call_config(ctx, config, cfg, montgomery); !s.ok()) return s;
    if (montgomery)
      return Status::InvalidArgument("Montgomery-form scalars in device memory are not supported (convert them first)");
    zkmsm::AffinePoint result;
    if (Status s = ctx->ctx->msm_device(device_scalars, n, cfg, result); !s.ok()) return s;
    copy_point(result, out_point);
    return Status::Ok();
  });
}

zkmsm_status zkmsm_msm_batch(zkmsm_context* ctx, const uint8_t* scalars, uint64_t n, uint64_t batch,
                             const zkmsm_config* config, uint8_t* out_points, char* err, size_t err_len) {
  return guarded(err, err_len, [&]() -> Status {
    if (!ctx || !ctx->ctx) return Status::InvalidArgument("context is NULL");
    if (!out_points) return Status::InvalidArgument("out_points is NULL");
    if (n && batch && !scalars) return Status::InvalidArgument("scalars is NULL");
    zkmsm::MsmConfig cfg;
    bool montgomery = false;
    if (Status s = call_config(ctx, config, cfg, montgomery); !s.ok()) return s;
    std::vector<uint8_t> canonical;
    if (montgomery && n && batch) {
      if (n > ctx->ctx->size()) return Status::InvalidArgument(fmt::format("{} scalars but only {} bases", n, ctx->ctx->size()));
      if (batch > (uint64_t{1} << 40) / n) return Status::InvalidArgument("batch too large");
      canonical.assign(scalars, scalars + n * batch * 32);
      if (Status s = zkmsm::io::scalars_from_montgomery(canonical.data(), n * batch, "scalars"); !s.ok()) return s;
      scalars = canonical.data();
    }
    std::vector<zkmsm::AffinePoint> results;
    if (Status s = ctx->ctx->msm_batch(scalars, n, batch, cfg, results); !s.ok()) return s;
    for (uint64_t b = 0; b < batch; ++b) copy_point(results[b], out_points + 64 * b);
    return Status::Ok();
  });
}

zkmsm_status zkmsm_context_plan(const zkmsm_context* ctx, uint64_t n, const zkmsm_config* config,
                                zkmsm_plan_info* out, char* err, size_t err_len) {
  return guarded(err, err_len, [&]() -> Status {
    if (!ctx || !ctx->ctx) return Status::InvalidArgument("context is NULL");
    if (!out) return Status::InvalidArgument("out is NULL");
    zkmsm::MsmConfig cfg;
    bool montgomery = false;  // planning does not read scalars
    if (Status s = call_config(ctx, config, cfg, montgomery); !s.ok()) return s;
    cfg.backend = ctx->ctx->backend();
    zkmsm::Plan plan;
    const zkmsm::DeviceModel model = const_cast<zkmsm::Context&>(*ctx->ctx).impl().device_model(cfg);
    if (Status s = zkmsm::make_plan(n, cfg, model, plan); !s.ok()) return s;
    fill_plan(plan, out);
    return Status::Ok();
  });
}

zkmsm_status zkmsm_plan(uint64_t n, const zkmsm_config* config, zkmsm_plan_info* out, char* err, size_t err_len) {
  return guarded(err, err_len, [&]() -> Status {
    if (!out) return Status::InvalidArgument("out is NULL");
    zkmsm::MsmConfig cfg;
    if (Status s = to_config(config, cfg); !s.ok()) return s;
    if (cfg.backend == zkmsm::Backend::automatic)
      cfg.backend = zkmsm::cuda_available() ? zkmsm::Backend::cuda : zkmsm::Backend::cpu;
    const zkmsm::DeviceModel model =
        cfg.backend == zkmsm::Backend::cuda ? zkmsm::DeviceModel::h100() : zkmsm::DeviceModel::cpu(cfg.threads);
    zkmsm::Plan plan;
    if (Status s = zkmsm::make_plan(n, cfg, model, plan); !s.ok()) return s;
    fill_plan(plan, out);
    return Status::Ok();
  });
}

}  // extern "C"
