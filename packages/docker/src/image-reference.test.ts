import { describe, expect, it } from "vitest";
import { imageReferenceProblem } from "./image-reference";

const sha256 = "a".repeat(64);

describe("imageReferenceProblem", () => {
  it.each([
    "busybox",
    "nginx:1.27",
    "library/nginx:latest",
    "berth-test/busybox:1",
    "registry.example.com/team/app:2",
    "registry.example.com:5000/team/app",
    "localhost:5000/a__b/c-d.e_f:v1.0-rc_2",
    "localhost:5000",
    "[::1]:5000/app",
    "My-Registry.example.com/app",
    `busybox@sha256:${sha256}`,
    `nginx:1.27@sha256:${sha256}`,
    `app@sha512:${"0".repeat(128)}`,
    `${"a".repeat(63)}`,
    `x:${"t".repeat(128)}`,
    `${"a/".repeat(127)}a`,
  ])("accepts %s", (reference) => {
    expect(imageReferenceProblem(reference)).toBeNull();
  });

  it.each([
    ["", "Enter an image, for example nginx:1.27."],
    ["busybox@sha256:zz", "After @, give a digest such as sha256: and 64 hexadecimal digits."],
    [`busybox@md5:${"a".repeat(32)}`, "Use a sha256, sha384 or sha512 digest."],
    [`busybox@constructor:${"a".repeat(32)}`, "Use a sha256, sha384 or sha512 digest."],
    [`busybox@sha256:${"a".repeat(63)}`, "A sha256 digest has 64 lower-case hexadecimal digits."],
    [`busybox@sha256:${"A".repeat(64)}`, "A sha256 digest has 64 lower-case hexadecimal digits."],
    [`a@sha256:${sha256}@sha256:${sha256}`, "Use @ once, before the digest."],
    ["busybox:-1", "Use a tag of 1 to 128 letters, digits, _, . and -, not starting with . or -."],
    [`busybox:${"t".repeat(129)}`, "Use a tag of 1 to 128 letters, digits, _, . and -, not starting with . or -."],
    ["busybox:", "Use a tag of 1 to 128 letters, digits, _, . and -, not starting with . or -."],
    ["Busybox", "Use lower case in the repository name."],
    ["registry.example.com/Team/app", "Use lower case in the repository name."],
    [`${"a/".repeat(127)}ab`, "Use a repository name of at most 255 characters."],
    [sha256, "Name the image's repository, not its id."],
  ])("refuses %j: %s", (reference, problem) => {
    expect(imageReferenceProblem(reference)).toBe(problem);
  });

  it.each(["-busybox", "busy..box", "busy_-box", "a//b", "/busybox", "busybox/", "ré/app", "a b", ":1", "-host/app"])(
    "refuses the malformed name %j",
    (reference) => {
      expect(imageReferenceProblem(reference)).toBe(
        "Enter an image reference such as nginx:1.27 or registry.example.com:5000/team/app:2.",
      );
    },
  );
});
