//! The batch crate through its public API: pairing trees and manifests, writing an output
//! directory the same on any number of threads, surviving bad files and interruptions,
//! sharding, and the pipe mode. One test binary, so the workspace links it once; its tests are
//! listed below, for the testkit's harness.

mod common;
mod corpus;
mod manifest;
mod output;
mod pairing;
mod results;
mod resume;
mod robustness;
mod shard;
mod stream;

resalign_testkit::test_main! {
    corpus::the_corpus_has_429_pairs_and_22_files_without_counterpart => [Corpus],
    corpus::a_sample_of_the_corpus_is_written_the_same_on_one_thread_and_two => [Corpus],
    manifest::manifests_list_pairs_relative_to_themselves,
    manifest::malformed_manifests_are_refused_naming_the_line,
    output::the_output_is_the_same_on_one_thread_and_two,
    output::every_pair_gets_a_record_and_a_bad_one_does_not_stop_the_run,
    output::the_counts_agree_with_the_lines,
    output::timings_are_recorded_unless_left_out,
    output::the_corpus_tmx_of_one_pair_is_what_the_tmx_writer_writes,
    output::the_corpus_tmx_has_a_unit_per_link_with_text_on_both_sides,
    output::pairs_sharing_an_id_are_refused_before_anything_is_written,
    output::the_html_view_has_a_page_per_aligned_pair_and_an_index_linking_them,
    pairing::trees_pair_as_their_names_folders_and_symbols_say,
    pairing::the_output_directory_inside_the_tree_is_not_paired,
    pairing::a_missing_root_is_an_error,
    results::a_result_comes_before_the_next_pair_is_given,
    results::an_endless_stream_is_read_no_further_than_the_window_ahead,
    resume::an_interrupted_run_looks_unfinished_and_resumes_to_the_same_bytes,
    resume::resuming_with_other_settings_is_refused,
    resume::a_finished_run_takes_new_pairs_on_resume,
    resume::a_directory_that_is_not_a_batch_output_is_left_alone,
    robustness::a_link_in_place_of_the_html_folder_is_refused_and_what_it_points_to_is_untouched,
    robustness::resume_never_truncates_a_file_a_link_in_the_output_points_to,
    robustness::odd_pair_ids_get_safe_page_names_and_a_page_that_cannot_be_written_fails_only_its_pair,
    robustness::a_line_that_is_not_utf8_fails_alone_and_the_lines_after_it_are_aligned,
    robustness::manifests_that_start_with_a_byte_order_mark_are_read,
    robustness::a_journal_torn_inside_a_character_is_cut_back_and_the_run_resumes,
    robustness::named_pipes_with_a_resolution_name_are_listed_as_unpaired_and_never_read,
    robustness::names_that_are_not_utf8_are_reported_without_loss,
    shard::shards_split_the_pairs_and_their_outputs_add_up,
    shard::every_id_is_in_exactly_one_shard_and_shares_are_even,
    shard::shards_are_written_k_of_n_from_zero,
    shard::the_share_of_a_pair_is_fixed_for_good,
    stream::result_lines_come_out_in_input_order_each_pair_closed_by_its_document_line,
}
