"""Executes a notebook for csdlab's grader (org.csdlab.lab.tutorial.NotebookExecutor).

usage: execute_notebook.py IN OUT KERNEL CELL_TIMEOUT_S BUDGET_S WORKDIR

Runs every code cell of IN with nbclient under KERNEL, in WORKDIR, and writes the executed notebook
to OUT. Errors do not stop the run. A cell that runs longer than CELL_TIMEOUT_S is interrupted and
marked; once the whole notebook has run BUDGET_S, the cells left are not run and are marked. Each
mark is in cell.metadata.csdlab_run; if Jupyter fails part way, the cells it did not reach are marked
too. Outputs are cut to a budget so OUT stays small. Exit status 0 when OUT was written, 3 when the
kernel could not start (message on stderr), 2 for bad arguments.
"""
import asyncio
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

MARK = "csdlab_run"
STREAM_MAX_CHARS = 64 * 1024
DATA_MAX_CHARS = 1024 * 1024


class GradingClient(NotebookClient):
    async def _async_handle_timeout(self, timeout, cell=None):
        if cell is not None:
            cell.metadata[MARK] = {"timed_out_s": timeout}
        return await super()._async_handle_timeout(timeout, cell)


def cut_outputs(cell):
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            text = output.get("text", "")
            if len(text) > STREAM_MAX_CHARS:
                output["text"] = text[:STREAM_MAX_CHARS] + "\n[csdlab grader: output cut]\n"
        data = output.get("data")
        if data:
            for key in list(data):
                value = data[key]
                if isinstance(value, str) and len(value) > DATA_MAX_CHARS:
                    data[key] = "[csdlab grader: output of " + str(len(value)) + " characters left out]"


async def run(nb, kernel, cell_timeout, budget, workdir):
    deadline = time.monotonic() + budget
    client = GradingClient(nb, kernel_name=kernel, timeout=cell_timeout, allow_errors=True,
                           interrupt_on_timeout=True, startup_timeout=min(120, budget),
                           error_on_timeout={"ename": "CellTimeout",
                                             "evalue": "the cell ran longer than its timeout and was interrupted",
                                             "traceback": []},
                           resources={"metadata": {"path": workdir}})
    try:
        async with client.async_setup_kernel():
            count = 0
            stopped = None
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                remaining = deadline - time.monotonic()
                if stopped is None and remaining < 1:
                    stopped = "the notebook used up its budget of %d s" % budget
                if stopped is not None:
                    cell.metadata[MARK] = {"not_run": stopped}
                    continue
                client.timeout = max(1, int(min(cell_timeout, remaining)))
                count += 1
                try:
                    await client.async_execute_cell(cell, index, execution_count=count)
                except DeadKernelError:
                    cell.metadata[MARK] = {"kernel_died": True}
                    stopped = "the kernel died in an earlier cell"
                cut_outputs(cell)
    except DeadKernelError:
        pass


def main(argv):
    if len(argv) != 7:
        sys.stderr.write(__doc__)
        return 2
    source, target, kernel, cell_timeout, budget, workdir = argv[1:]
    nb = nbformat.read(source, as_version=4)
    try:
        asyncio.run(run(nb, kernel, int(cell_timeout), int(budget), workdir))
    except Exception as e:
        code_cells = [c for c in nb.cells if c.cell_type == "code"]
        if not any(MARK in c.metadata or c.get("execution_count") for c in code_cells):
            # no such kernelspec, or the kernel died at once
            sys.stderr.write("the kernel %s could not start: %s: %s\n" % (kernel, type(e).__name__, e))
            return 3
        # Keep what ran; the cells left are marked, so their exercises say why they were not graded.
        reason = "Jupyter stopped: %s: %s" % (type(e).__name__, e)
        for cell in code_cells:
            if not cell.get("execution_count") and MARK not in cell.metadata:
                cell.metadata[MARK] = {"not_run": reason}
    nbformat.write(nb, target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
