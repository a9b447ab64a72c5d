"""One scenario per service, driven with boto3 against an aws-doubles server.

    python3 boto3_scenarios.py http://127.0.0.1:4577

Prints one JSON object with what each scenario saw. Written for the boto3 of Debian 12
(1.26) as well as current releases: only operations both know are used.
"""
import io
import json
import sys
import zipfile

import boto3
from botocore.config import Config

ENDPOINT = sys.argv[1]
REGION = "us-east-1"
ACCOUNT = "123456789012"
POLLS = 50


def client(service, **config):
    return boto3.client(
        service,
        endpoint_url=ENDPOINT,
        region_name=REGION,
        aws_access_key_id="AKIDPYTHON",
        aws_secret_access_key="secret",
        config=Config(retries={"max_attempts": 2}, **config),
    )


def poll(read, done):
    for _ in range(POLLS):
        value = read()
        if done(value):
            return value
    raise AssertionError("did not finish within %d reads: %r" % (POLLS, value))


def glue():
    glue = client("glue")
    role = "arn:aws:iam::%s:role/GlueETL" % ACCOUNT
    for name in ("extract", "load"):
        glue.create_job(Name=name, Role=role, Command={"Name": "glueetl", "ScriptLocation": "s3://scripts/%s.py" % name})
    glue.create_workflow(Name="nightly")
    glue.create_trigger(Name="start", WorkflowName="nightly", Type="ON_DEMAND", Actions=[{"JobName": "extract"}])
    glue.create_trigger(
        Name="then-load",
        WorkflowName="nightly",
        Type="CONDITIONAL",
        StartOnCreation=True,
        Predicate={"Conditions": [{"LogicalOperator": "EQUALS", "JobName": "extract", "State": "SUCCEEDED"}]},
        Actions=[{"JobName": "load"}],
    )
    run_id = glue.start_workflow_run(Name="nightly")["RunId"]
    run = poll(lambda: glue.get_workflow_run(Name="nightly", RunId=run_id, IncludeGraph=True)["Run"], lambda r: r["Status"] == "COMPLETED")
    jobs = {}
    for node in run["Graph"]["Nodes"]:
        if node["Type"] == "JOB":
            jobs[node["Name"]] = node["JobDetails"]["JobRuns"][-1]["JobRunState"]
    return {"status": run["Status"], "succeeded": run["Statistics"]["SucceededActions"], "jobs": jobs, "startedOn": run["StartedOn"].isoformat()}


WDL = """version 1.0

workflow hello {
  input {
    String sample_name
  }
  call greet { input: name = sample_name }
  call count { input: text = greet.out }
}

task greet {
  input {
    String name
  }
  command <<< echo hello ~{name} >>>
  output {
    String out = read_string(stdout())
  }
}

task count {
  input {
    String text
  }
  command <<< echo ~{text} | wc -c >>>
  output {
    Int n = read_int(stdout())
  }
}
"""


def omics():
    # HealthOmics operations carry endpoint host prefixes (workflows-, tags-…): off for a local endpoint.
    omics = client("omics", inject_host_prefix=False)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("main.wdl", WDL)
    workflow = omics.create_workflow(name="hello", engine="WDL", definitionZip=archive.getvalue())
    active = poll(lambda: omics.get_workflow(id=workflow["id"]), lambda w: w["status"] != "CREATING")
    run = omics.start_run(
        workflowId=workflow["id"],
        roleArn="arn:aws:iam::%s:role/OmicsRunRole" % ACCOUNT,
        outputUri="s3://omics-output/",
        parameters={"sample_name": "NA12878"},
        name="hello-run",
    )
    finished = poll(lambda: omics.get_run(id=run["id"]), lambda r: r["status"] in ("COMPLETED", "FAILED", "CANCELLED"))
    tasks = omics.list_run_tasks(id=run["id"])["items"]
    return {
        "workflowStatus": active["status"],
        "parameterTemplate": sorted(active.get("parameterTemplate", {}).keys()),
        "runStatus": finished["status"],
        "tasks": sorted((t["name"], t["status"]) for t in tasks),
    }


COMPONENT = """name: hello
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: SayHello
        action: ExecuteBash
        inputs:
          commands:
            - echo hello
"""


def imagebuilder():
    ib = client("imagebuilder")
    component = ib.create_component(name="hello", semanticVersion="1.0.0", platform="Linux", data=COMPONENT)["componentBuildVersionArn"]
    recipe = ib.create_image_recipe(
        name="web",
        semanticVersion="1.0.0",
        parentImage="arn:aws:imagebuilder:%s:aws:image/amazon-linux-2023-x86/x.x.x" % REGION,
        components=[{"componentArn": component}],
    )["imageRecipeArn"]
    infra = ib.create_infrastructure_configuration(name="small", instanceProfileName="EC2InstanceProfileForImageBuilder")["infrastructureConfigurationArn"]
    pipeline = ib.create_image_pipeline(name="web-pipeline", imageRecipeArn=recipe, infrastructureConfigurationArn=infra)["imagePipelineArn"]
    image_arn = ib.start_image_pipeline_execution(imagePipelineArn=pipeline)["imageBuildVersionArn"]
    image = poll(lambda: ib.get_image(imageBuildVersionArn=image_arn)["image"], lambda i: i["state"]["status"] in ("AVAILABLE", "FAILED", "CANCELLED"))
    images = ib.list_image_pipeline_images(imagePipelineArn=pipeline)["imageSummaryList"]
    return {"status": image["state"]["status"], "arn": image_arn, "amis": len(image.get("outputResources", {}).get("amis", [])), "pipelineImages": len(images)}


def proton():
    proton = client("proton")
    proton.create_environment_template(name="vpc-env", displayName="VPC")
    version = proton.create_environment_template_version(templateName="vpc-env", source={"s3": {"bucket": "proton-templates", "key": "bundle.tar.gz"}})
    key = {"templateName": "vpc-env", "majorVersion": version["environmentTemplateVersion"]["majorVersion"], "minorVersion": version["environmentTemplateVersion"]["minorVersion"]}
    registered = poll(lambda: proton.get_environment_template_version(**key)["environmentTemplateVersion"], lambda v: v["status"] != "REGISTRATION_IN_PROGRESS")
    published = proton.update_environment_template_version(status="PUBLISHED", **key)["environmentTemplateVersion"]
    proton.create_environment(
        name="prod",
        templateName="vpc-env",
        templateMajorVersion="1",
        protonServiceRoleArn="arn:aws:iam::%s:role/ProtonServiceRole" % ACCOUNT,
        spec="proton: EnvironmentSpec\nspec:\n  vpc_cidr: 10.0.0.0/16\n",
    )
    environment = poll(lambda: proton.get_environment(name="prod")["environment"], lambda e: e["deploymentStatus"] not in ("IN_PROGRESS",))
    return {"registered": registered["status"], "published": published["status"], "deployment": environment["deploymentStatus"], "arn": environment["arn"]}


def main():
    result = {"boto3": boto3.__version__}
    for name, scenario in (("glue", glue), ("omics", omics), ("imagebuilder", imagebuilder), ("proton", proton)):
        try:
            result[name] = scenario()
        except Exception as error:  # reported, so the test shows which scenario failed and why
            result[name] = {"error": "%s: %s" % (type(error).__name__, error)}
    print(json.dumps(result))


main()
