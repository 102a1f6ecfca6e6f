#include <gatekit/flags/report.hpp>
#include <gatekit/github/publish.hpp>

namespace gatekit::flags {
namespace {

// A path as the repository sees it: a workspace prefix or "./" removed.
std::string repository_path(const std::string& file, const std::vector<std::string>& workspaces) {
  for (const std::string& workspace : workspaces) {
    if (workspace.empty() || file.compare(0, workspace.size(), workspace) != 0) {
      continue;
    }
    if (file.size() > workspace.size() && file[workspace.size()] == '/') {
      return file.substr(workspace.size() + 1);
    }
    if (workspace.back() == '/') {
      return file.substr(workspace.size());
    }
  }
  return file.rfind("./", 0) == 0 ? file.substr(2) : file;
}

} // namespace

github::Outputs validation_outputs(const ValidationRun& run) {
  std::size_t flags = 0;
  for (const FlagFile& file : run.files) {
    flags += file.flags.size();
  }
  return {{"valid", run.verdict.passed() ? "true" : "false"},
          {"errors", std::to_string(run.verdict.errors)},
          {"warnings", std::to_string(run.verdict.warnings)},
          {"flags", std::to_string(flags)}};
}

std::vector<github::Annotation> finding_annotations(const ValidationRun& run,
                                                    const RenderOptions& options) {
  std::vector<github::Annotation> annotations;
  const std::vector<Finding>& findings = run.verdict.findings;
  const std::size_t listed = std::min(findings.size(), options.max_annotations);
  for (std::size_t i = 0; i < listed; ++i) {
    const Finding& finding = findings[i];
    github::Annotation annotation;
    annotation.level = finding.severity == Severity::error ? github::AnnotationLevel::error
                                                           : github::AnnotationLevel::warning;
    if (finding.where.file != "environment") {
      annotation.file = repository_path(finding.where.file, options.workspaces);
      annotation.line = finding.where.line;
      annotation.column = finding.where.column;
    }
    annotation.title = "flag-validate: " + finding.code;
    annotation.message =
        (finding.where.json_path.empty() ? "" : finding.where.json_path + ": ") + finding.message;
    annotations.push_back(std::move(annotation));
  }
  if (listed < findings.size()) {
    github::Annotation notice;
    notice.level = github::AnnotationLevel::notice;
    notice.title = "flag-validate";
    notice.message = std::to_string(findings.size() - listed) +
                     " more finding(s) not annotated; see the step summary";
    annotations.push_back(std::move(notice));
  }
  return annotations;
}

Status publish_validation(const ValidationRun& run, const RenderOptions& options,
                          const github::Context& context, const PublishTargets& targets,
                          std::ostream& out) {
  github::Publication publication;
  publication.text = render_validation_text(run);
  publication.markdown = render_validation_markdown(run, options);
  publication.outputs = validation_outputs(run);
  publication.annotations = finding_annotations(run, options);
  if (!targets.report_json.empty()) {
    publication.files.emplace_back(targets.report_json, render_validation_json(run));
  }
  publication.files.emplace_back(targets.markdown, publication.markdown);
  return github::publish(publication, context, out);
}

} // namespace gatekit::flags
