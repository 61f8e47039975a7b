import VigilFetch
import VigilReport

extension PlayLinks {
    /// Play links through the pipeline's `maps:`: an enclosure URL under a mapped prefix plays
    /// from the mapped folder when the file is there (a URL that would climb out of its
    /// folder is never mirrored).
    public init(maps: [URLMap.Entry]) {
        let map = URLMap(maps)
        self.init { url in map.isEmpty ? nil : (try? map.localPath(for: url)) ?? nil }
    }
}
