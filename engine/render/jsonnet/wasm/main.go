// Plumbline's jsonnet evaluator: go-jsonnet, the library Argo CD's repo server links, compiled to
// WebAssembly (GOOS=wasip1) and run by the engine in a worker thread with the repository as the
// only folder it can see. It reads one request (JSON, its first argument), evaluates each file with a fresh
// VM as Argo CD's makeJsonnetVM sets it up (ext vars, top-level arguments, library paths), and
// writes one reply (JSON) on stdout. Imports are resolved as go-jsonnet's FileImporter does
// (the importing file's folder, then the library paths, last first), except that no import may
// leave the repository: an absolute path, a `..` that climbs out, or a symlink that leads out is
// an error naming the import and the file that asked for it. Sizes are bounded here; time and
// memory by the host.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/google/go-jsonnet"
)

type variable struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Code  bool   `json:"code"`
}

type request struct {
	// Repository-relative paths (`/`-separated, no `..`) of the files to evaluate, in order.
	Files []string `json:"files"`
	// Library paths, repository-relative: the application folder first, then directory.jsonnet.libs.
	JPaths  []string   `json:"jpaths"`
	ExtVars []variable `json:"extVars"`
	TLAs    []variable `json:"tlas"`
	// Bytes all files together may produce, and one imported file may have.
	MaxOutputBytes int `json:"maxOutputBytes"`
	MaxImportBytes int `json:"maxImportBytes"`
	// Bytes all imports of one evaluation together may read.
	MaxImportTotalBytes int `json:"maxImportTotalBytes"`
}

type result struct {
	File   string          `json:"file"`
	Output json.RawMessage `json:"output"`
}

type reply struct {
	Results []result `json:"results"`
	Error   string   `json:"error,omitempty"`
	File    string   `json:"file,omitempty"`
	Limit   string   `json:"limit,omitempty"`
}

type cached struct {
	contents jsonnet.Contents
	found    bool
}

// repoImporter is go-jsonnet's FileImporter held inside the repository. The process's working
// directory is the repository root (the only folder the host lets it open), so a clean relative
// path is a path in the repository.
type repoImporter struct {
	jpaths    []string
	cache     map[string]cached
	maxBytes  int
	maxTotal  int
	readTotal int
}

type limitError struct{ message string }

func (e *limitError) Error() string { return e.message }

func megabytes(n int) string { return fmt.Sprintf("%.1f MB", float64(n)/1024/1024) }

// inside says whether a cleaned path relative to the root stays in it.
func inside(p string) bool {
	return p != ".." && !strings.HasPrefix(p, "../") && !path.IsAbs(p)
}

func (r *repoImporter) tryPath(dir, imported, importedFrom string) (bool, jsonnet.Contents, string, error) {
	candidate := path.Clean(path.Join(dir, imported))
	if !inside(candidate) {
		return false, jsonnet.Contents{}, "", fmt.Errorf("import %q in %s leaves the repository", imported, describe(importedFrom))
	}
	if entry, ok := r.cache[candidate]; ok {
		return entry.found, entry.contents, candidate, nil
	}
	_, err := resolveInside(candidate)
	if errors.Is(err, errOutside) {
		return false, jsonnet.Contents{}, "", fmt.Errorf("import %q in %s leads outside the repository through a symlink", imported, describe(importedFrom))
	}
	if errors.Is(err, fs.ErrNotExist) {
		r.cache[candidate] = cached{found: false}
		return false, jsonnet.Contents{}, candidate, nil
	}
	if err != nil {
		return false, jsonnet.Contents{}, "", fmt.Errorf("import %q in %s: %v", imported, describe(importedFrom), err)
	}
	info, err := os.Stat(candidate)
	if err != nil {
		return false, jsonnet.Contents{}, "", fmt.Errorf("import %q in %s: %v", imported, describe(importedFrom), err)
	}
	if info.IsDir() {
		// go-jsonnet fails to read a folder; so does Plumbline, saying what it is.
		return false, jsonnet.Contents{}, "", fmt.Errorf("import %q in %s is a folder", imported, describe(importedFrom))
	}
	if !info.Mode().IsRegular() {
		return false, jsonnet.Contents{}, "", fmt.Errorf("import %q in %s is not a regular file", imported, describe(importedFrom))
	}
	if info.Size() > int64(r.maxBytes) {
		return false, jsonnet.Contents{}, "", &limitError{fmt.Sprintf("import %q in %s is %s, over the limit of %s for one file (setting render.maxOutputMegabytes)", imported, describe(importedFrom), megabytes(int(info.Size())), megabytes(r.maxBytes))}
	}
	r.readTotal += int(info.Size())
	if r.readTotal > r.maxTotal {
		return false, jsonnet.Contents{}, "", &limitError{fmt.Sprintf("the imports of %s are over the limit of %s together (setting render.maxOutputMegabytes)", describe(importedFrom), megabytes(r.maxTotal))}
	}
	data, err := readBounded(candidate, r.maxBytes)
	if err != nil {
		return false, jsonnet.Contents{}, "", fmt.Errorf("import %q in %s: %v", imported, describe(importedFrom), err)
	}
	contents := jsonnet.MakeContentsRaw(data)
	r.cache[candidate] = cached{found: true, contents: contents}
	return true, contents, candidate, nil
}

var errOutside = errors.New("outside the repository")

// resolveInside follows the symlinks on a clean relative path one component at a time, as the
// host would, and fails with errOutside as soon as one leads out of the repository (an absolute
// target, or one that climbs above the root); fs.ErrNotExist when a component is missing.
func resolveInside(p string) (string, error) {
	pending := strings.Split(p, "/")
	resolved := "."
	for hops := 0; len(pending) > 0; {
		part := pending[0]
		pending = pending[1:]
		if part == "." || part == "" {
			continue
		}
		next := path.Join(resolved, part)
		if !inside(next) {
			return "", errOutside
		}
		info, err := os.Lstat(next)
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			resolved = next
			continue
		}
		if hops++; hops > 40 {
			return "", fmt.Errorf("too many levels of symbolic links at %s", next)
		}
		target, err := os.Readlink(next)
		if err != nil {
			return "", err
		}
		target = filepath.ToSlash(target)
		if path.IsAbs(target) || filepath.IsAbs(target) {
			return "", errOutside
		}
		pending = append(strings.Split(target, "/"), pending...)
	}
	return resolved, nil
}

func readBounded(name string, max int) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > max {
		return nil, &limitError{fmt.Sprintf("%s grew over the limit of %s while it was read", name, megabytes(max))}
	}
	return data, nil
}

func describe(importedFrom string) string {
	if importedFrom == "" {
		return "the application"
	}
	return importedFrom
}

func (r *repoImporter) Import(importedFrom, importedPath string) (jsonnet.Contents, string, error) {
	if strings.ContainsRune(importedPath, 0) {
		return jsonnet.Contents{}, "", fmt.Errorf("import %q in %s contains a NUL character", importedPath, describe(importedFrom))
	}
	if path.IsAbs(importedPath) || filepath.IsAbs(importedPath) || strings.HasPrefix(importedPath, "\\") {
		return jsonnet.Contents{}, "", fmt.Errorf("import %q in %s is an absolute path: imports stay inside the repository", importedPath, describe(importedFrom))
	}
	dir := path.Dir(importedFrom)
	if importedFrom == "" || strings.HasPrefix(importedFrom, "<") {
		dir = "." // the file evaluated, or ext code / a top-level argument
	}
	found, contents, foundAt, err := r.tryPath(dir, importedPath, importedFrom)
	if err != nil {
		return jsonnet.Contents{}, "", err
	}
	for i := len(r.jpaths) - 1; !found && i >= 0; i-- {
		found, contents, foundAt, err = r.tryPath(r.jpaths[i], importedPath, importedFrom)
		if err != nil {
			return jsonnet.Contents{}, "", err
		}
	}
	if !found {
		return jsonnet.Contents{}, "", fmt.Errorf("couldn't open import %q: no match locally or in the Jsonnet library paths", importedPath)
	}
	return contents, foundAt, nil
}

func makeVM(req *request, importer *repoImporter) *jsonnet.VM {
	vm := jsonnet.MakeVM()
	for _, tla := range req.TLAs {
		if tla.Code {
			vm.TLACode(tla.Name, tla.Value)
		} else {
			vm.TLAVar(tla.Name, tla.Value)
		}
	}
	for _, ext := range req.ExtVars {
		if ext.Code {
			vm.ExtCode(ext.Name, ext.Value)
		} else {
			vm.ExtVar(ext.Name, ext.Value)
		}
	}
	vm.Importer(importer)
	return vm
}

func evaluate(req *request) reply {
	out := reply{Results: []result{}}
	total := 0
	for _, file := range req.Files {
		// A fresh VM and importer per file, as Argo CD makes one per file.
		importer := &repoImporter{jpaths: req.JPaths, cache: map[string]cached{}, maxBytes: req.MaxImportBytes, maxTotal: req.MaxImportTotalBytes}
		// The file itself is read first, so that a refusal reads as one, not as go-jsonnet's
		// "internal error" for an importer that fails on the file it was asked to evaluate.
		if _, _, err := importer.Import("", file); err != nil {
			out.Error, out.File = err.Error(), file
			return out
		}
		output, err := makeVM(req, importer).EvaluateFile(file)
		if err != nil {
			out.Error, out.File = err.Error(), file
			var limit *limitError
			if errors.As(err, &limit) || strings.Contains(err.Error(), "over the limit of") {
				out.Limit = "output"
			}
			return out
		}
		total += len(output)
		if total > req.MaxOutputBytes {
			out.Error = fmt.Sprintf("jsonnet output is over the limit of %s (setting render.maxOutputMegabytes)", megabytes(req.MaxOutputBytes))
			out.File, out.Limit = file, "output"
			return out
		}
		out.Results = append(out.Results, result{File: file, Output: json.RawMessage(output)})
	}
	return out
}

func main() {
	// A deep recursion in the parser fails here rather than after taking all the memory allowed.
	debug.SetMaxStack(64 << 20)
	var req request
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "jsonnet: the request is the one argument")
		os.Exit(3)
	}
	if err := json.Unmarshal([]byte(os.Args[1]), &req); err != nil {
		fmt.Fprintf(os.Stderr, "jsonnet: bad request: %v\n", err)
		os.Exit(3)
	}
	if err := json.NewEncoder(os.Stdout).Encode(evaluate(&req)); err != nil {
		fmt.Fprintf(os.Stderr, "jsonnet: %v\n", err)
		os.Exit(3)
	}
}
