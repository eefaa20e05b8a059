"""Kill -9 during save, 200 times at random moments (benchmarks/kill_save.py does the killing):
the issue file and its .bak always load as whole versions, no saved version is lost, and the
next save leaves no temp file behind."""

from benchmarks.kill_save import kill_at_each_step, kill_during_save
from tests.hostile_files import sample_issue


def test_200_kills_during_save_never_cost_a_version_or_the_backup(tmp_path):
    f = kill_during_save(sample_issue(), tmp_path, kills=200, seed=3)
    assert f["kills"] == 200
    assert f["child_error"] == "" and f["saves_finished"] > 0, f
    assert f["unreadable"] == 0 and f["lost_versions"] == 0
    assert f["bak_unreadable"] == 0 and f["bak_newer"] == 0
    assert f["temp_files_left_after_next_save"] == 0
    # the random kills really landed inside saves (the short backup step is covered for certain
    # by the step-by-step test below: random kills hit it only now and then)
    assert f["killed_during_write"] > 0, f


def test_a_kill_before_each_file_system_call_of_a_save_costs_nothing(tmp_path):
    f = kill_at_each_step(sample_issue(), tmp_path)
    assert f["steps"] >= 6, f  # temp file made, written, synced, moded; backup linked; replaced
    assert f["unreadable"] == 0 and f["lost_versions"] == 0, f
    assert f["bak_unreadable"] == 0 and f["bak_newer"] == 0, f
    assert f["temp_files_left"] == 0, f
