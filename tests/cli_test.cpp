// The zkmsm CLI as users see it: exit codes (0 ok, 1 mismatch, 2 usage/input error), one-line errors
// naming the file and index, and the result JSON.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "io/synthetic.hpp"

namespace {
namespace fs = std::filesystem;

struct Result {
  int code;
  std::string out, err;
};

// A scratch folder of this test's own (ctest runs tests in parallel).
fs::path test_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::temp_directory_path() / "zkmsm_cli_test" / (std::string(info->test_suite_name()) + "." + info->name());
  fs::create_directories(dir);
  return dir;
}

// Runs the CLI with `args`, capturing stdout and stderr.
Result zkmsm(const std::string& args) {
  const fs::path dir = test_dir();
  const std::string out = (dir / "stdout").string(), err = (dir / "stderr").string();
  const int status = std::system((std::string(ZKMSM_CLI_PATH) + " " + args + " >" + out + " 2>" + err).c_str());
  auto slurp = [](const std::string& p) {
    std::ifstream f(p);
    return std::string(std::istreambuf_iterator<char>(f), {});
  };
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

class CliFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_dir();
    std::vector<zkmsm::math::G1Affine> bases;
    std::vector<uint64_t> dlogs;
    zkmsm::io::synthetic_bases(5, 3, 1, bases, dlogs);
    points_ = zkmsm::io::points_to_bytes(bases);
    scalars_ = zkmsm::io::scalars_to_bytes(zkmsm::io::synthetic_scalars(5, zkmsm::io::ScalarDist::uniform, 3));
  }
  std::string write(const std::string& name, const std::vector<uint8_t>& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return path;
  }
  std::string run_files(const std::vector<uint8_t>& points, const std::vector<uint8_t>& scalars) {
    return "run --points " + write("p.bin", points) + " --scalars " + write("s.bin", scalars) + " --check --json";
  }
  fs::path dir_;
  std::vector<uint8_t> points_, scalars_;
};

TEST_F(CliFiles, GoodFilesGiveCheckedJson) {
  const Result r = zkmsm(run_files(points_, scalars_));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["infinity"], false);
  EXPECT_EQ(j["check"], "reference");
  EXPECT_EQ(j["check_ok"], true);
  EXPECT_EQ(j["x"].get<std::string>().size(), 66u);
}

TEST_F(CliFiles, TruncatedPointsFile) {
  std::vector<uint8_t> p = points_;
  p.pop_back();
  const Result r = zkmsm(run_files(p, scalars_));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("not a multiple of 64"), std::string::npos) << r.err;
}

TEST_F(CliFiles, TruncatedScalarsFile) {
  std::vector<uint8_t> s = scalars_;
  s.resize(s.size() - 5);
  const Result r = zkmsm(run_files(points_, s));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("not a multiple of 32"), std::string::npos) << r.err;
}

TEST_F(CliFiles, CountMismatch) {
  // n is the number of scalars; the bases are the first n points, so more points than scalars is fine
  // and fewer is an error.
  std::vector<uint8_t> s(scalars_.begin(), scalars_.end() - 32);
  EXPECT_EQ(zkmsm(run_files(points_, s)).code, 0);
  std::vector<uint8_t> p(points_.begin(), points_.end() - 64);
  const Result r = zkmsm(run_files(p, scalars_));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("5 points needed from offset 0 but the file holds only 4 points"), std::string::npos) << r.err;
}

TEST_F(CliFiles, CoordinateNotBelowP) {
  std::vector<uint8_t> p = points_;
  std::fill(p.begin() + 3 * 64, p.begin() + 3 * 64 + 32, 0xff);
  const Result r = zkmsm(run_files(p, scalars_));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("point 3 at byte offset 192: x coordinate is not below p"), std::string::npos) << r.err;
}

TEST_F(CliFiles, PointOffCurve) {
  std::vector<uint8_t> p = points_;
  p[2 * 64 + 40] ^= 0x01;
  const Result r = zkmsm(run_files(p, scalars_));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("point 2 at byte offset 128: not on the curve"), std::string::npos) << r.err;
}

TEST_F(CliFiles, ScalarNotBelowR) {
  std::vector<uint8_t> s = scalars_;
  std::fill(s.begin() + 4 * 32, s.begin() + 5 * 32, 0xff);
  const Result r = zkmsm(run_files(points_, s));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("scalar 4 at byte offset 128: value is not below r"), std::string::npos) << r.err;
}

TEST(Cli, MissingFile) {
  const Result r = zkmsm("run --points /nonexistent/p.bin --scalars /nonexistent/s.bin");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("/nonexistent/p.bin: cannot open"), std::string::npos) << r.err;
}

TEST(Cli, UsageErrors) {
  EXPECT_EQ(zkmsm("run --n banana").code, 2);
  EXPECT_EQ(zkmsm("run --dist nonsense --n 4").code, 2);
  EXPECT_EQ(zkmsm("frobnicate").code, 2);
  EXPECT_EQ(zkmsm("run --n 8 --memory-budget lots").code, 2);
}

TEST(Cli, SyntheticRunChecksAgainstOracle) {
  const Result r = zkmsm("run --n 2^10 --dist sparse --threads 2 --check --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["check"], "oracle");
  EXPECT_EQ(j["check_ok"], true);
  EXPECT_EQ(j["n"], 1024);
}

TEST(Cli, InfoAnswers) {
  const Result r = zkmsm("info --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["curve"], "BN254 (alt_bn128) G1");
}

}  // namespace
