// thaksa-assessment: the assessment service alone.
#include "common/server_main.h"
#include "services/assessment/assessment_module.h"

int main(int argc, char** argv) {
  thaksa::ServerSpec spec;
  spec.services = {thaksa::assessment::MakeAssessmentService};
  return thaksa::ServerMain(argc, argv, spec);
}
